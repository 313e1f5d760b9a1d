// The set-up every end-to-end test of the action shares: the tools it needs, one emulator per test file with
// its accounts by short name, unique image names (and the local images made under them removed afterwards),
// the action's inputs for an account, and an ImageStream's tags as a map. Free of jest, so that the benchmark
// and the demo use it too; suite.ts registers it in a test file.
import { startEmulator } from '../../../emulator/index.js'
import type { AccountInfo, Emulator, EmulatorInfo, StartOptions } from '../../../emulator/types.js'
import { ensureDocker, removeImages } from './docker.js'
import { requireTool, run } from './tools.js'

export interface Rahti {
  emu: Emulator
  /** The emulator's accounts by the last part of their name: `builder`, `pusher`, `ci`, `alice`, … */
  accounts: Record<string, AccountInfo>
}

/** Fails clearly unless the tools behind the emulator and the action are here: Docker and docker-registry. */
export async function requireActionTools(): Promise<void> {
  requireTool('docker', 'docker.io')
  requireTool('docker-registry', 'docker-registry')
  await ensureDocker()
}

/** The accounts by short name (`system:serviceaccount:demo:builder` -> `builder`). */
export function accountsByName(accounts: AccountInfo[]): Record<string, AccountInfo> {
  return Object.fromEntries(accounts.map(a => [a.name.split(':').pop()!, a]))
}

/** Checks the tools and starts an emulator; the caller stops it. */
export async function startRahti(options: StartOptions = {}): Promise<Rahti> {
  await requireActionTools()
  const emu = await startEmulator(options)
  return { emu, accounts: accountsByName(emu.info.accounts) }
}

let seq = 0
const images: string[] = []

/** A name no other test (nor an earlier run against the same daemon) uses: `<prefix>-<pid>-<time>-<n>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`
}

/** A fresh image name per test, so tests never share a stream; its local images are removed in afterAll. */
export function uniqueImage(prefix: string): string {
  const name = uniqueName(prefix)
  images.push(name)
  return name
}

/** Removes the local images built or tagged under the names uniqueImage gave (`<registry>/demo/<name>:<tag>` too). */
export async function removeLocalImages(): Promise<void> {
  if (!images.length) return
  const listed = await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], {
    timeoutMs: 60_000
  })
  const mine = listed.stdout.split('\n').filter(ref => {
    const repository = ref.slice(0, ref.lastIndexOf(':'))
    return images.some(n => repository === n || repository.endsWith(`/${n}`))
  })
  await removeImages(...mine)
}

/** The action's inputs for pushing `image` as `account` to the emulator, oc not installed. */
export function actionInputs(
  info: EmulatorInfo,
  account: AccountInfo,
  image: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    token: account.token,
    image,
    server: info.apiUrl,
    'certificate-authority': info.caFile,
    'oc-version': 'none',
    ...extra
  }
}

/** actionInputs for one of the emulator's accounts, by short name. */
export function baseInputs(
  rahti: Rahti,
  account: string,
  image: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return actionInputs(rahti.emu.info, rahti.accounts[account], image, extra)
}

/** The stream's tags as `tag -> digest of its newest item`. */
export function tagsOf(stream: unknown): Record<string, string> {
  const tags =
    (stream as { status?: { tags?: { tag: string; items: { image: string }[] }[] } })?.status?.tags ?? []
  return Object.fromEntries(tags.map(t => [t.tag, t.items[0]?.image]))
}
