import { type PushMessage, PushProgress } from '../../src/engines/push-progress.js'

/** A push of three layers as Docker's stream tells it: one already in the registry, two sent in steps. */
const STREAM: [number, PushMessage][] = [
  [0, { status: 'The push refers to repository [127.0.0.1:5000/demo/app]' }],
  [0, { status: 'Preparing', id: 'aaa', progressDetail: {} }],
  [0, { status: 'Preparing', id: 'bbb', progressDetail: {} }],
  [0, { status: 'Preparing', id: 'ccc', progressDetail: {} }],
  [100, { status: 'Layer already exists', id: 'ccc', progressDetail: {} }],
  [1000, { status: 'Pushing', id: 'aaa', progressDetail: { current: 10e6, total: 100e6 } }],
  [2000, { status: 'Pushing', id: 'bbb', progressDetail: { current: 5e6, total: 50e6 } }],
  [5200, { status: 'Pushing', id: 'aaa', progressDetail: { current: 60e6, total: 100e6 } }],
  [6000, { status: 'Pushed', id: 'bbb', progressDetail: {} }],
  [9000, { status: 'Pushing', id: 'aaa', progressDetail: { current: 90e6, total: 100e6 } }],
  [10_300, { status: 'Pushed', id: 'aaa', progressDetail: {} }],
  [10_400, { status: 'latest: digest: sha256:' + 'd'.repeat(64) + ' size: 943' }],
  [10_400, { aux: { Tag: 'latest', Digest: 'sha256:' + 'd'.repeat(64), Size: 943 } }]
]

function replay(stream: [number, PushMessage][]): string[] {
  const lines: string[] = []
  let now = 0
  const progress = new PushProgress(
    line => lines.push(line),
    () => now,
    5000
  )
  for (const [at, message] of stream) {
    now = at
    progress.take(message)
  }
  progress.finish()
  return lines
}

describe('PushProgress', () => {
  test('a line every five seconds (layers done of all, bytes sent of those sent) and one at the end', () => {
    expect(replay(STREAM)).toEqual([
      'Pushing: 1 of 3 layers done, 65.0 MB of 150.0 MB sent (5.2 s)',
      'Pushing: 3 of 3 layers done, 150.0 MB of 150.0 MB sent (10.3 s)',
      'Pushed 3 layers in 10.4 s: 2 sent (150.0 MB), 1 already in the registry'
    ])
  })

  test('a short push says only the closing line, however many progress ticks it had', () => {
    const quick = STREAM.map(([at, m]): [number, PushMessage] => [Math.floor(at / 10), m])
    expect(replay(quick)).toEqual(['Pushed 3 layers in 1.0 s: 2 sent (150.0 MB), 1 already in the registry'])
  })

  test('a re-push of layers the registry has (or mounts) sends nothing', () => {
    expect(
      replay([
        [0, { status: 'Preparing', id: 'aaa' }],
        [10, { status: 'Mounted from demo/other', id: 'aaa' }],
        [20, { status: 'Layer already exists', id: 'bbb' }]
      ])
    ).toEqual(['Pushed 2 layers in 0.0 s: 0 sent (0.0 MB), 2 already in the registry'])
  })

  test('every layer found in the registry already: each counted once, and only the closing line', () => {
    const lines: string[] = []
    new PushProgress(
      line => lines.push(line),
      () => 0
    ).allPresent(['aaa', 'bbb', 'aaa'])
    expect(lines).toEqual(['Pushed 2 layers in 0.0 s: 0 sent (0.0 MB), 2 already in the registry'])
  })

  test('the engine`s own retry of a layer is said once per try, not per second of its countdown', () => {
    expect(
      replay([
        [0, { status: 'Pushing', id: 'aaa', progressDetail: { current: 500, total: 1000 } }],
        [100, { status: 'Retrying in 5 seconds', id: 'aaa' }],
        [1100, { status: 'Retrying in 4 seconds', id: 'aaa' }],
        [5100, { status: 'Pushing', id: 'aaa', progressDetail: { current: 1000, total: 1000 } }],
        [5200, { status: 'Pushed', id: 'aaa' }]
      ])
    ).toEqual([
      'The engine tries layer aaa again: Retrying in 5 seconds',
      'Pushing: 0 of 1 layer done, 1.0 kB of 1.0 kB sent (5.1 s)',
      'Pushed 1 layer in 5.2 s: 1 sent (1.0 kB), 0 already in the registry'
    ])
  })

  test("the action's own counts: bytes sent without a total while sizes are unknown, then the closing line", () => {
    let now = 0
    const lines: string[] = []
    const progress = new PushProgress(
      line => lines.push(line),
      () => now,
      5000
    )
    progress.count('aaa', { done: true, present: true })
    progress.count('bbb', {})
    now = 5100
    progress.count('bbb', { sent: 12e6 })
    // A legacy layer counted by its directory's name until its diffID is known.
    progress.count('v1dir', { sent: 1e6 })
    progress.forget('v1dir')
    progress.count('ccc', { done: true, sent: 2e6, size: 2e6 })
    progress.count('bbb', { done: true, sent: 20e6, size: 20e6 })
    now = 7000
    progress.finish()
    expect(lines).toEqual([
      'Pushing: 1 of 2 layers done, 12.0 MB sent (5.1 s)',
      'Pushed 3 layers in 7.0 s: 2 sent (22.0 MB), 1 already in the registry'
    ])
  })
})
