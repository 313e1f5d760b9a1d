// 6. The oc client: a first install from a local mirror (download, SHA-256 check, extraction, tool cache)
// and a tool-cache hit in the same job. The mirror is the installer tests' fake, laid out as
// mirror.openshift.com, with an archive as large as the real one (about 50 MB).
import { statSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { FakeMirror, makeClientTarball, releaseTxt, sha256 } from '../../test/e2e/oc/fake-mirror.js'
import { type Context, type ScenarioResult } from '../context.js'
import { MB } from '../images.js'
import { median } from '../measure.js'
import { bytes, mib, ms } from '../table.js'
import { cleanJob, runAction } from '../variants.js'

const VERSION = '4.16.3'
const ARCHIVE = `openshift-client-linux-${VERSION}.tar.gz`
/** As the installer tests: download, hashing and extraction then cost what they cost with the real archive. */
const PAD = 48 * 1024 * 1024
const STREAM = 'bench-oc'

async function buildMirrorTree(root: string): Promise<number> {
  const dir = path.join(root, VERSION)
  await mkdir(dir, { recursive: true })
  await makeClientTarball(path.join(dir, ARCHIVE), { version: VERSION, marker: 'bench', padBytes: PAD })
  await writeFile(path.join(dir, 'sha256sum.txt'), `${sha256(path.join(dir, ARCHIVE))}  ${ARCHIVE}\n`)
  await writeFile(path.join(dir, 'release.txt'), releaseTxt(VERSION))
  return statSync(path.join(dir, ARCHIVE)).size
}

export async function oc(ctx: Context): Promise<ScenarioResult> {
  const { emu, builder } = ctx
  await emu.apply({ imageStreams: [`demo/${STREAM}`] })
  const tree = path.join(ctx.tmp, 'oc-mirror')
  ctx.progress('6. oc: building the mirror (a 48 MiB archive)')
  const archiveBytes = await buildMirrorTree(tree)
  const mirror = new FakeMirror(tree)
  await mirror.start()
  // What the mirror sent: the size of every file it served (redirects carry no body).
  const served = (from: number): number =>
    mirror
      .fileRequests()
      .slice(from)
      .reduce((sum, rel) => sum + statSync(path.join(tree, ...rel.split('/'))).size, 0)
  const first: number[] = []
  const hit: number[] = []
  const downloaded: number[] = []
  const source = await ctx.images.fresh(1 * MB)
  try {
    for (let round = 0; round < ctx.rounds.oc; round++) {
      // A new job is a new runner: an empty tool cache, so the first run downloads and the second finds it.
      const job = cleanJob()
      try {
        const inputs = { 'oc-version': VERSION, 'oc-mirror': mirror.base }
        const push = () =>
          runAction(emu.info, { account: builder, image: STREAM, tags: ['latest'], source, inputs, job })
        ctx.progress(`6. oc, round ${round + 1}: first install`)
        const before = mirror.fileRequests().length
        const install = await push()
        first.push(stepOrThrow(install.steps, install.main.stdout))
        downloaded.push(served(before))
        ctx.progress(`6. oc, round ${round + 1}: tool-cache hit`)
        const again = mirror.fileRequests().length
        const cached = await push()
        hit.push(stepOrThrow(cached.steps, cached.main.stdout))
        if (served(again) !== 0) throw new Error('the tool-cache hit downloaded from the mirror')
        if (!/found in the runner tool cache/.test(cached.main.stdout)) {
          throw new Error('the second run did not report a tool-cache hit')
        }
      } finally {
        await rm(job.dir, { recursive: true, force: true })
      }
    }
  } finally {
    await mirror.stop()
    await ctx.images.remove(source)
    await rm(tree, { recursive: true, force: true })
  }
  const f = median(first)
  const h = median(hit)
  const d = median(downloaded)
  return {
    sections: [
      {
        title: '6. oc client (local mirror; not behind the emulator, so no delayed figure)',
        rows: [
          { label: "first install: the action's 'Install oc' step", loopback: { text: ms(f), ratio: 1 } },
          {
            label: 'first install: bytes from the mirror (ratio: to the archive)',
            loopback: { text: d < 10_000 ? bytes(d) : mib(d), ratio: d / archiveBytes }
          },
          { label: "tool-cache hit: the action's 'Install oc' step", loopback: { text: ms(h), ratio: h / f } }
        ],
        notes: [`ratio of times: to the first install. ${ctx.rounds.oc} rounds, each in a new job.`]
      }
    ],
    goals: []
  }
}

function stepOrThrow(steps: Record<string, number>, stdout: string): number {
  const v = steps['Install oc']
  if (v === undefined) throw new Error(`the action logged no 'Install oc' time:\n${stdout}`)
  return v
}
