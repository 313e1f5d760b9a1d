// 4. Image size: the action's time over a bare `docker push` of an image of the same size, which should not
// rise with size (the action adds round trips, never per-byte work), and the emulator's peak memory, which
// must not grow with size (blob bodies are streamed through the gateway, never held). Every push is a real
// upload: a freshly built image, never pushed before, so Docker can neither skip nor mount its layer.
import type { GatewayStats } from '../../emulator/types.js'
import {
  type Context,
  counted,
  LATENCIES,
  type LatencyKey,
  type ScenarioResult,
  withFreshImage
} from '../context.js'
import { MB } from '../images.js'
import { interleave, median } from '../measure.js'
import { type Goal, mib, ms, ratio, type Row, signedMs, verdict } from '../table.js'
import { loggedInDocker, runAction, runBarePush } from '../variants.js'

const STREAMS = { action: 'bench-size-action', bare: 'bench-size-bare' }
/** A larger image may cost the action at most this much more, relative to docker push, than the smallest. */
const FLAT_TOLERANCE = 1.1
/** Peak RSS of the emulator at the largest size may exceed that at the smallest by at most this. */
const MEMORY_BOUND = 64 * 1024 * 1024

interface SizeFigures {
  action: number
  bare: number
  ratio: number
  extra: number
  peakRss: number
  rounds: number
}

export async function sizes(ctx: Context): Promise<ScenarioResult> {
  const { emu, builder } = ctx
  await emu.apply({ imageStreams: Object.values(STREAMS).map(s => `demo/${s}`) })
  const sizeList = Object.keys(ctx.rounds.sizes)
    .map(Number)
    .sort((a, b) => a - b)
  const figures: Record<LatencyKey, Map<number, SizeFigures>> = { loopback: new Map(), delayed: new Map() }
  const notUploaded: string[] = []
  const cfg = await loggedInDocker(emu.info.registry, builder.token)
  try {
    for (const lat of LATENCIES) {
      await emu.setLatency(lat.ms)
      for (const size of sizeList) {
        const rounds = ctx.rounds.sizes[size][lat.key]
        const action: number[] = []
        const bare: number[] = []
        const stats: GatewayStats[] = []
        const checkUpload = (who: string, s: GatewayStats) => {
          // gzip makes random bytes a little larger, never smaller: less means a layer was skipped or mounted.
          if (s.blobBytesReceived < size * MB * 0.95) {
            notUploaded.push(`${who} ${size} MB ${lat.label}: ${mib(s.blobBytesReceived)}`)
          }
          stats.push(s)
        }
        await interleave(rounds, {
          bare: round =>
            withFreshImage(ctx, size * MB, async source => {
              ctx.progress(`4. ${size} MB, ${lat.label}, round ${round + 1}/${rounds}: docker push`)
              const target = `${emu.info.registry}/demo/${STREAMS.bare}:latest`
              const r = await counted(ctx, () => runBarePush(cfg, source, target))
              bare[round] = r.ms
              checkUpload('docker push', r.stats)
            }),
          action: round =>
            withFreshImage(ctx, size * MB, async source => {
              ctx.progress(`4. ${size} MB, ${lat.label}, round ${round + 1}/${rounds}: action`)
              const r = await counted(
                ctx,
                async () =>
                  (
                    await runAction(emu.info, {
                      account: builder,
                      image: STREAMS.action,
                      tags: ['latest'],
                      source
                    })
                  ).ms
              )
              action[round] = r.ms
              checkUpload('action', r.stats)
            })
        })
        figures[lat.key].set(size, {
          action: median(action),
          bare: median(bare),
          ratio: median(action.map((a, i) => a / bare[i])),
          extra: median(action.map((a, i) => a - bare[i])),
          peakRss: Math.max(...stats.map(s => s.peakRss)),
          rounds
        })
      }
    }
  } finally {
    await emu.setLatency(0)
    cfg.cleanup()
  }

  const smallest = sizeList[0]
  const largest = sizeList[sizeList.length - 1]
  const flat = (k: LatencyKey): boolean => {
    const base = figures[k].get(smallest)!.ratio
    return sizeList.every(size => figures[k].get(size)!.ratio <= base * FLAT_TOLERANCE)
  }
  const peakGrowth = (k: LatencyKey): number =>
    figures[k].get(largest)!.peakRss - figures[k].get(smallest)!.peakRss
  const flatMet = flat('loopback') && flat('delayed')
  const memoryMet = peakGrowth('loopback') <= MEMORY_BOUND && peakGrowth('delayed') <= MEMORY_BOUND

  const rows: Row[] = []
  for (const size of sizeList) {
    const f = (k: LatencyKey) => figures[k].get(size)!
    const rounds = `${f('loopback').rounds}/${f('delayed').rounds} rounds`
    rows.push(
      {
        label: `${size} MB: bare docker push (${rounds})`,
        loopback: { text: ms(f('loopback').bare), ratio: 1 },
        delayed: { text: ms(f('delayed').bare), ratio: 1 }
      },
      {
        label: `${size} MB: action (ratio: to docker push)`,
        loopback: { text: ms(f('loopback').action), ratio: f('loopback').ratio },
        delayed: { text: ms(f('delayed').action), ratio: f('delayed').ratio },
        goal:
          size === largest
            ? verdict(flatMet, `ratio <= ${FLAT_TOLERANCE} x the ${smallest} MB one`)
            : undefined
      },
      {
        label: `${size} MB: action minus docker push`,
        loopback: { text: signedMs(f('loopback').extra) },
        delayed: { text: signedMs(f('delayed').extra) }
      },
      {
        label: `${size} MB: emulator peak RSS (ratio: to ${smallest} MB)`,
        loopback: {
          text: mib(f('loopback').peakRss),
          ratio: f('loopback').peakRss / figures.loopback.get(smallest)!.peakRss
        },
        delayed: {
          text: mib(f('delayed').peakRss),
          ratio: f('delayed').peakRss / figures.delayed.get(smallest)!.peakRss
        },
        goal:
          size === largest
            ? verdict(memoryMet, `grows < ${mib(MEMORY_BOUND)} from ${smallest} MB`)
            : undefined
      }
    )
  }
  const goals: Goal[] = [
    {
      name: 'image size: action / docker push does not rise with size',
      figure: LATENCIES.map(
        l =>
          `${l.label}: ${sizeList.map(size => `${size} MB ${ratio(figures[l.key].get(size)!.ratio)}`).join(', ')}`
      ).join('; '),
      met: flatMet
    },
    {
      name: 'image size: emulator gateway memory bounded',
      figure: LATENCIES.map(
        l =>
          `${l.label}: ${sizeList.map(size => `${size} MB ${mib(figures[l.key].get(size)!.peakRss)}`).join(', ')}`
      ).join('; '),
      met: memoryMet
    }
  ]
  return {
    sections: [
      {
        title: '4. Image size (fresh image per push: every push a real upload)',
        rows,
        notes: [
          'peak RSS: of the emulator process (API + registry gateway), sampled every 100 ms, max over the rounds.',
          ...(notUploaded.length ? [`NOT a full upload (figures suspect): ${notUploaded.join('; ')}`] : [])
        ]
      }
    ],
    goals
  }
}
