// Local images for the pushes. Every image is built fresh from random bytes: Docker skips layers a
// registry already has (and mounts them from another repository of the same registry), so only a layer it
// has never pushed makes a real upload. Images are removed by id, which also drops every registry tag the
// pushes added, and never touches another user's images on this shared engine.
import { buildImage } from '../test/e2e/harness/docker.js'
import { run } from '../test/e2e/harness/tools.js'

export const MB = 1_000_000

export class ImageFactory {
  private seq = 0
  private readonly ids = new Set<string>()

  constructor(private readonly prefix = `rahti-bench-${process.pid}`) {}

  /** Builds `FROM scratch` plus random files of `sizeBytes` in all, one per layer; returns the local reference. */
  async fresh(sizeBytes: number, layers = 1): Promise<string> {
    const ref = `${this.prefix}-${++this.seq}:latest`
    const id = await buildImage(ref, { sizeBytes, layers }).catch((err: Error) => {
      // The engine is shared: another user's prune may remove the build's intermediate image under
      // it ("unable to find image"). A second build is as fresh as the first.
      if (!/unable to find image/.test(err.message)) throw err
      return buildImage(ref, { sizeBytes, layers })
    })
    if (!id.startsWith('sha256:')) throw new Error(`docker build of ${ref} gave no image id: '${id}'`)
    this.ids.add(id)
    return ref
  }

  /** Removes one image (all its tags) at once, so that the large ones do not pile up on disk. */
  async remove(ref: string): Promise<void> {
    const r = await run('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { timeoutMs: 30_000 })
    const id = r.stdout.trim()
    if (r.status !== 0 || !id) return
    await run('docker', ['rmi', '-f', id], { timeoutMs: 120_000 })
    this.ids.delete(id)
  }

  async removeAll(): Promise<void> {
    if (this.ids.size === 0) return
    await run('docker', ['rmi', '-f', ...this.ids], { timeoutMs: 300_000 })
    this.ids.clear()
  }
}
