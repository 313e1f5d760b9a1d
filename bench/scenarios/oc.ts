// 4. The oc client: what installing it (a tool-cache miss, as on every GitHub-hosted runner, which has no
// oc) adds to a one-tag push, against the same push with `oc-version: none`. Each run is a new job (an
// empty tool cache) pushing a freshly built 20 MB image. The mirror is the installer tests' fake, laid out
// as mirror.openshift.com, with an archive as large as the real one; it is local and not behind the
// emulator's delays, so there is only a loopback figure.
import { statSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { FakeMirror, makeClientTarball, releaseTxt, sha256 } from '../../test/e2e/oc/fake-mirror.js'
import { actionVariant, compare, overheadRow, ratioGoal, ratioRow, row, timeRow } from '../compare.js'
import { type Context, type ScenarioResult } from '../context.js'
import { ALONGSIDE, median } from '../measure.js'
import { mib, ms, verdict } from '../table.js'

const VERSION = '4.16.3'
const ARCHIVE = `openshift-client-linux-${VERSION}.tar.gz`
/** As the installer tests: download, hashing and extraction then cost what they cost with the real archive. */
const PAD = 48 * 1024 * 1024
const STREAMS = { none: 'bench-oc-none', install: 'bench-oc-install' }
/** Issue 19's goal: installing oc adds at most this share to a one-tag push. */
const GOAL_RATIO = 1.2

async function buildMirrorTree(root: string): Promise<number> {
  const dir = path.join(root, VERSION)
  await mkdir(dir, { recursive: true })
  await makeClientTarball(path.join(dir, ARCHIVE), { version: VERSION, marker: 'bench', padBytes: PAD })
  await writeFile(path.join(dir, 'sha256sum.txt'), `${sha256(path.join(dir, ARCHIVE))}  ${ARCHIVE}\n`)
  await writeFile(path.join(dir, 'release.txt'), releaseTxt(VERSION))
  return statSync(path.join(dir, ARCHIVE)).size
}

export async function oc(ctx: Context): Promise<ScenarioResult> {
  await ctx.emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const tree = path.join(ctx.tmp, 'oc-mirror')
  ctx.progress('4. oc: building the mirror (a 48 MiB archive)')
  const archiveBytes = await buildMirrorTree(tree)
  const mirror = new FakeMirror(tree)
  await mirror.start()
  // What the mirror sent: the size of every file it served (redirects carry no body).
  const served = (from: number): number =>
    mirror
      .fileRequests()
      .slice(from)
      .reduce((sum, rel) => sum + statSync(path.join(tree, ...rel.split('/'))).size, 0)
  const downloaded: number[] = []
  const what = '4. oc'
  const tags = ['latest']
  const install = actionVariant(ctx, what, {
    image: STREAMS.install,
    tags,

    inputs: { 'oc-version': VERSION, 'oc-mirror': mirror.base }
  })
  try {
    const samples = await compare(
      ctx,
      ctx.rounds.oc,
      {
        none: actionVariant(ctx, what, { image: STREAMS.none, tags }),
        install: async (round, label) => {
          const before = mirror.fileRequests().length
          const sample = await install(round, label)
          downloaded.push(served(before))
          // A run that found oc somewhere would make the figure meaningless.
          if (served(before) < archiveBytes) throw new Error('the oc install did not download the archive')
          return sample
        }
      },
      ['loopback']
    )
    const goal = ratioGoal(
      samples,
      'installing oc (tool-cache miss): with / without, one-tag push',
      'loopback',
      ['with', 'install'],
      ['without', 'none'],
      GOAL_RATIO
    )
    // Whether it ran before the push or alongside it.
    const installStep = median(
      samples.loopback.install.map(x => x.steps?.['Install oc'] ?? x.steps?.[`Install oc${ALONGSIDE}`] ?? NaN)
    )
    return {
      sections: [
        {
          title: '4. oc: installing it (tool-cache miss, local mirror) on a one-tag push (20 MB)',
          rows: [
            timeRow(samples, "action, oc-version 'none': main + post", 'none'),
            timeRow(samples, `action, oc-version ${VERSION} from the mirror: main + post`, 'install', 'none'),
            { ...overheadRow(samples, 'added by the install', 'install', 'none') },
            { ...ratioRow(samples, 'with / without', 'install', 'none'), goal: verdict(goal.met, goal.rule) },
            row(samples, "the action's 'Install oc' step (median)", () => ({ text: ms(installStep) })),
            row(samples, 'bytes from the mirror per install (median)', () => ({
              text: mib(median(downloaded))
            }))
          ],
          notes: [
            `${ctx.rounds.oc} rounds, each run in a new job; the archive is ${mib(archiveBytes)}; differences taken round by round.`
          ]
        }
      ],
      goals: [goal]
    }
  } finally {
    await mirror.stop()
    await rm(tree, { recursive: true, force: true })
  }
}
