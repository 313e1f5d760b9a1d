// A remote source (`docker://host/repo:tag`, `host/repo@sha256:...`) read through the action's own registry
// client, not skopeo: its credentials stay in memory (nothing on disk, which a dry run must not leave), every
// call has the API's deadline and retries, and each failure is said in the action's words, naming the registry.
// The copy itself (skopeo, in a real run) then names the manifest by the digest read here.

import type { SourceImage } from '../engines/engine.js'
import type { RegistryClient } from '../registry/client.js'
import { HttpStatusError, UserError } from '../util/errors.js'
import { indexPlatforms, type ManifestDocument, type OciPlatform, platformOf, sha256Digest } from './oci.js'
import type { RemoteImage } from './source.js'

/** The source's identity and platforms, or undefined when the registry has no such tag or digest. */
export async function resolveRemoteSource(
  client: RegistryClient,
  remote: RemoteImage,
  reference: string,
  withCredentials: boolean
): Promise<SourceImage | undefined> {
  const name = `${remote.repository}${remote.digest ? `@${remote.digest}` : `:${remote.tag}`}`
  try {
    const manifest = await client.findManifest(remote.repository, remote.digest ?? remote.tag ?? 'latest')
    if (!manifest) return undefined
    const digest = sha256Digest(manifest.body)
    if (remote.digest && digest !== remote.digest) {
      throw new UserError(
        `Input 'source': ${remote.host} answered ${name} with a manifest whose digest is ${digest}. The registry (or a proxy before it) is not serving what it stores; try again later.`
      )
    }
    const parsed = parseJson<ManifestDocument>(manifest.body, remote.host, name)
    if (Array.isArray(parsed.manifests)) {
      return { reference, id: digest, digest, platforms: indexPlatforms(parsed), index: true }
    }
    const configDigest = parsed.config?.digest
    if (!configDigest) {
      throw new UserError(
        `Input 'source': ${remote.host} gave ${name} in a form this action cannot copy (no image config: an old schema 1 manifest?). Push it there again with a current client, or use another tag.`
      )
    }
    const config = parseJson<OciPlatform>(
      await client.getBlob(remote.repository, configDigest),
      remote.host,
      name
    )
    return {
      reference,
      id: configDigest,
      digest,
      platforms: [platformOf(config.os, config.architecture, config.variant)].filter(Boolean)
    }
  } catch (err) {
    throw explain(err, remote, name, withCredentials)
  }
}

/** A refusal names the inputs to give; any other answer names the registry and what it said. */
function explain(err: unknown, remote: RemoteImage, name: string, withCredentials: boolean): unknown {
  if (!(err instanceof HttpStatusError)) return err
  if (err.status === 401 || err.status === 403) {
    return new UserError(
      withCredentials
        ? `Input 'source': ${remote.host} refused to give ${name} with the given 'source-username' and 'source-password' (HTTP ${err.status}). Check them, and that the account may pull the image.`
        : `Input 'source': ${remote.host} refused to give ${name} without credentials (HTTP ${err.status}). Give 'source-username' and 'source-password' of an account that may pull it.`
    )
  }
  return new UserError(
    `Input 'source': the registry ${remote.host} failed to give ${name}: ${err.message.replace(/\.$/, '')}. Check the registry's status and try again later.`
  )
}

function parseJson<T>(bytes: Buffer, host: string, name: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T
  } catch {
    throw new UserError(
      `Input 'source': ${host} answered ${name} with something that is not an image manifest. Check that the host in 'source' is a container registry.`
    )
  }
}
