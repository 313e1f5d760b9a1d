// `npm run lint`'s import-cycle check of src/: madge lists every cycle, and any cycle fails the lint except the
// ones named in KNOWN, which are being removed (delete each entry with its cycle; an entry whose cycle is gone
// fails too, so the list cannot go stale).
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Cycles allowed for now, each as madge prints it. */
const KNOWN: string[] = []

const madge = path.join(ROOT, 'node_modules', 'madge', 'bin', 'cli.js')
// madge exits 1 when it finds a cycle, so its exit code says nothing here: its JSON does.
const result = spawnSync(
  process.execPath,
  [madge, '--circular', '--json', '--extensions', 'ts', '--ts-config', 'tsconfig.json', 'src'],
  { cwd: ROOT, encoding: 'utf8' }
)
let cycles: string[][]
try {
  cycles = JSON.parse(result.stdout) as string[][]
} catch {
  console.error(`madge gave no list of cycles (exit ${result.status}): ${result.stderr || result.stdout}`)
  process.exit(1)
}
const found = cycles.map(cycle => cycle.join(' > '))
const unknown = found.filter(c => !KNOWN.includes(c))
const gone = KNOWN.filter(c => !found.includes(c))
for (const c of found) console.log(`${KNOWN.includes(c) ? 'known cycle' : 'CYCLE'}: ${c}`)
for (const c of gone) console.log(`gone: ${c} (remove it from KNOWN in scripts/cycles.ts)`)
if (unknown.length || gone.length) {
  console.error(
    `src/ has ${unknown.length} import cycle(s) not allowed and ${gone.length} allowed one(s) no longer there: ` +
      'break the cycle by moving what both modules need into a third, or update KNOWN in scripts/cycles.ts.'
  )
  process.exit(1)
}
console.log(`no import cycles in src/ beyond the ${KNOWN.length} known`)
