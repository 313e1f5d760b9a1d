// What a long push has done so far, read from the Docker engine's push stream (one JSON message per event,
// per layer), or counted by the action's own upload of the layers (docker-layers.ts): a line every few seconds
// while it runs (layers done of all, bytes sent of those being sent) and one at the end, in place of the engine's
// line per layer and per progress tick.

/** One message of the Engine API's push stream. */
export interface PushMessage {
  status?: string
  /** The layer (its short digest) a status is about; absent for messages about the whole push. */
  id?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
  aux?: { Tag?: string; Digest?: string; Size?: number }
}

interface Layer {
  done: boolean
  /** It was in the registry already (or mounted from another repository there): nothing was sent. */
  present: boolean
  sent: number
  size: number
}

export class PushProgress {
  private readonly layers = new Map<string, Layer>()
  /** Layers the engine is counting down to another try for. */
  private readonly retrying = new Set<string>()
  private readonly started: number
  private lastLine: number
  /**
   * Whether the sizes of the layers being sent are known while they are sent: the engine's stream says them; a
   * layer compressed on the way has its size only at its end, so its running line gives bytes sent alone.
   */
  private sizesKnown = true

  constructor(
    private readonly print: (line: string) => void,
    private readonly now: () => number = Date.now,
    /** How long between two lines while the push runs; the first comes this long after the start. */
    private readonly everyMs = 5000
  ) {
    this.started = now()
    this.lastLine = this.started
  }

  /** Takes one message of the stream; prints a line when the last one is old enough. */
  take(message: PushMessage): void {
    if (message.id && message.status) {
      // The engine tries a layer again after a failed upload, counting the wait down second by second: said
      // once per try, as it starts.
      const retrying = message.status.startsWith('Retrying in')
      if (retrying && !this.retrying.has(message.id)) {
        this.print(`The engine tries layer ${message.id} again: ${message.status}`)
      }
      if (retrying) this.retrying.add(message.id)
      else this.retrying.delete(message.id)
      this.update(message.id, message.status, message.progressDetail)
    }
    this.tick()
  }

  /**
   * The action's own count for a layer it uploads (`sent` bytes so far, its `size` once known), finds in the
   * registry already (`present`), or has finished (`done`): the same lines as the engine's stream gives.
   */
  count(id: string, change: Partial<Layer>): void {
    this.sizesKnown = false
    const layer = this.layers.get(id) ?? { done: false, present: false, sent: 0, size: 0 }
    this.layers.set(id, { ...layer, ...change })
    this.tick()
  }

  /** A push that found every layer in the registry already: each counted as there, then the closing line. */
  allPresent(ids: Iterable<string>): void {
    for (const id of new Set(ids)) this.count(id, { done: true, present: true })
    this.finish()
  }

  /** Drops a layer counted under a name it turned out not to have (its diffID was learnt at its end). */
  forget(id: string): void {
    this.layers.delete(id)
  }

  /** Prints the running line when the last one is old enough. */
  private tick(): void {
    const now = this.now()
    if (now - this.lastLine >= this.everyMs) {
      this.lastLine = now
      this.print(this.runningLine(now))
    }
  }

  /** The closing line, once the engine has said the push is done. */
  finish(): void {
    const layers = [...this.layers.values()]
    const present = layers.filter(l => l.present).length
    const sent = layers.filter(l => !l.present)
    const bytes = sent.reduce((sum, l) => sum + l.size, 0)
    this.print(
      `Pushed ${plural(layers.length, 'layer')} in ${seconds(this.now() - this.started)}: ` +
        `${sent.length} sent (${megabytes(bytes)}), ${present} already in the registry`
    )
  }

  private update(id: string, status: string, detail: PushMessage['progressDetail']): void {
    let layer = this.layers.get(id)
    if (!layer) {
      // Only layers are announced by id ("Preparing", "Waiting", ...); the closing digest line has none.
      layer = { done: false, present: false, sent: 0, size: 0 }
      this.layers.set(id, layer)
    }
    if (status === 'Pushing' && detail) {
      layer.sent = detail.current ?? layer.sent
      layer.size = detail.total ?? layer.size
    } else if (status === 'Pushed') {
      layer.done = true
      layer.sent = layer.size
    } else if (status === 'Layer already exists' || status.startsWith('Mounted from')) {
      layer.done = true
      layer.present = true
    }
  }

  private runningLine(now: number): string {
    const layers = [...this.layers.values()]
    const done = layers.filter(l => l.done).length
    const sent = layers.reduce((sum, l) => sum + l.sent, 0)
    const size = layers.reduce((sum, l) => sum + l.size, 0)
    return (
      `Pushing: ${done} of ${plural(layers.length, 'layer')} done, ` +
      `${megabytes(sent)}${this.sizesKnown ? ` of ${megabytes(size)}` : ''} sent (${seconds(now - this.started)})`
    )
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`
}

function megabytes(bytes: number): string {
  if (bytes > 0 && bytes < 1e5) return `${(bytes / 1e3).toFixed(1)} kB`
  return `${(bytes / 1e6).toFixed(1)} MB`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
