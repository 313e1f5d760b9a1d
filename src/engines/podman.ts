// Podman and Buildah: the image is in their shared storage (containers-storage), where redhat-actions'
// buildah-build leaves it and Docker cannot see it. Both push by image ID (the config digest), so no local
// name is made and no other job's retag can slip in between.
import { run, runOrThrow } from '../util/exec.js'
import { ContainersEngine } from './containers.js'
import type { SourceImage } from './engine.js'
import { platformOf } from './failures.js'

abstract class StorageEngine extends ContainersEngine {
  /** The inspect command that prints `ID OS ARCH [VARIANT]` for an image in the storage. */
  protected abstract inspectArgs(reference: string): string[]

  async resolveSource(reference: string): Promise<SourceImage | undefined> {
    const name = reference.replace(/^containers-storage:/, '')
    const result = await run(this.name, this.inspectArgs(name))
    if (result.exitCode !== 0) return undefined
    const [id, os, architecture, variant] = result.stdout.trim().split(/\s+/)
    if (!/^[a-f0-9]{64}$/.test(id)) return undefined
    return {
      reference,
      id: `sha256:${id}`,
      platforms: [platformOf(os, architecture, variant)].filter(Boolean)
    }
  }

  async push(source: SourceImage, target: string): Promise<string | undefined> {
    const digestFile = this.digestFile()
    const host = target.slice(0, target.indexOf('/'))
    await runOrThrow(
      this.name,
      [
        'push',
        ...this.targetAuth(),
        ...this.targetTls(host),
        '--digestfile',
        digestFile,
        source.id.replace(/^sha256:/, ''),
        `docker://${target}`
      ],
      { echo: true }
    )
    return this.digestWritten(digestFile)
  }
}

export class PodmanEngine extends StorageEngine {
  readonly name = 'podman'
  protected inspectArgs(reference: string): string[] {
    return ['image', 'inspect', '--format', '{{.Id}} {{.Os}} {{.Architecture}}', reference]
  }
}

export class BuildahEngine extends StorageEngine {
  readonly name = 'buildah'
  protected inspectArgs(reference: string): string[] {
    return [
      'inspect',
      '--type',
      'image',
      '--format',
      '{{.FromImageID}} {{.OCIv1.OS}} {{.OCIv1.Architecture}} {{.OCIv1.Variant}}',
      reference
    ]
  }
}
