// redhat-actions/push-to-registry v3.0.0 (podman, one `podman push` per tag), run as the runner runs it: its
// committed dist/index.js under the Node its action.yml names, inputs in INPUT_* variables, from a checkout the
// bench is given in PUSH_TO_REGISTRY_DIR (never committed here; `git clone --branch v3.0.0
// https://github.com/redhat-actions/push-to-registry`). Without the variable its rows are skipped, with the reason
// printed. The image it pushes must be named `<image>:<tag>` locally, for each tag: it is tagged so in Docker
// before the clock starts, and the action copies it from the Docker engine into podman (its own temporary storage)
// and pushes from there, as it does for a Docker user.
import { existsSync } from 'node:fs'
import { rmSync } from 'node:fs'
import path from 'node:path'

import { actionManifest } from '../test/e2e/harness/action.js'
import { errorAnnotation, runMain } from '../test/e2e/harness/runner.js'
import { run } from '../test/e2e/harness/tools.js'
import type { Sample, Variant } from './compare.js'
import { type Context, counted, withFreshImage } from './context.js'
import { timed } from './measure.js'
import { cleanJob } from './variants.js'

export const OTHER_ACTION = 'redhat-actions/push-to-registry v3.0.0'

/** The checkout of push-to-registry, or why its rows are skipped. */
export function otherAction(): { dir: string } | { skipped: string } {
  const dir = process.env.PUSH_TO_REGISTRY_DIR
  if (!dir) {
    return {
      skipped: `${OTHER_ACTION} skipped: PUSH_TO_REGISTRY_DIR is not set (a checkout of its tag v3.0.0, with its dist/)`
    }
  }
  if (!existsSync(path.join(dir, 'dist', 'index.js')) || !existsSync(path.join(dir, 'action.yml'))) {
    return { skipped: `${OTHER_ACTION} skipped: ${dir} has no action.yml and dist/index.js` }
  }
  return { dir: path.resolve(dir) }
}

/** push-to-registry pushing a fresh image of `size` bytes in `layers` (or the given image) to demo/`stream`. */
export function otherActionVariant(
  ctx: Context,
  dir: string,
  what: string,
  o: { stream: string; tags: string[]; size: number; layers?: number; source?: string }
): Variant {
  const image = `demo/${o.stream}`
  const push = async (source: string): Promise<Sample> => {
    // Its input names the local image; each tag must exist under that name (not timed).
    for (const tag of o.tags) {
      const tagged = await run('docker', ['tag', source, `${image}:${tag}`])
      if (tagged.status !== 0)
        throw new Error(`docker tag ${source} ${image}:${tag}: ${tagged.stderr.trim()}`)
    }
    const job = cleanJob()
    try {
      const r = await counted(ctx, () =>
        timed(() =>
          runMain({
            job,
            action: dir,
            inputs: {
              image,
              tags: o.tags.join(' '),
              registry: ctx.emu.info.registry,
              username: 'unused',
              password: ctx.builder.token,
              // The emulator's CA is not in podman's trust: the handshakes are made all the same.
              'tls-verify': 'false'
            }
          })
        )
      )
      const main = r.value.value
      if (main.exitCode !== 0) {
        throw new Error(
          `${OTHER_ACTION} failed (exit ${main.exitCode}): ${errorAnnotation(main) ?? main.stderr.trim()}`
        )
      }
      // It has no post step (action.yml's runs.post): main is all a user waits for.
      if (actionManifest(dir).runs.post) throw new Error(`${OTHER_ACTION} has a post step now: time it too`)
      return { ms: r.value.ms, mainMs: r.value.ms, stats: r.stats }
    } finally {
      rmSync(job.dir, { recursive: true, force: true })
      await run('docker', ['rmi', ...o.tags.map(t => `${image}:${t}`)])
    }
  }
  return async (round, label) => {
    ctx.progress(`${what}, ${label}, round ${round + 1}: ${OTHER_ACTION}`)
    return o.source ? push(o.source) : withFreshImage(ctx, o.size, push, o.layers)
  }
}
