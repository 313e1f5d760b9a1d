// Promotion inside Rahti: a source on the same registry (this project, or another the token may pull from) is
// copied on the server. Every blob is a cross-repository mount and every manifest a PUT of the same bytes, so
// no layer passes through the runner and the digest (an index's too) is unchanged.
import type { SourceImage } from '../engines/engine.js'
import {
  indexPlatforms,
  type Manifest,
  type ManifestDocument,
  parseImageConfig,
  parseManifest,
  platformOf
} from '../image/oci.js'
import type { RemoteImage } from '../image/source.js'
import type { RegistryClient } from '../registry/client.js'
import { HttpStatusError, UserError } from '../util/errors.js'
import type { Pushed } from './publish.js'

/** The source repository and the digest it was resolved to. */
export interface Promotion {
  repository: string
  digest: string
}

/** The source on this registry, resolved once to its digest; undefined when it is not there. */
export async function resolvePromotion(
  client: RegistryClient,
  remote: RemoteImage,
  reference: string
): Promise<{ source: SourceImage; promotion: Promotion } | undefined> {
  const manifest = await client
    .findManifest(remote.repository, remote.digest ?? remote.tag ?? 'latest')
    .catch((err: unknown) => {
      if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) {
        throw new UserError(
          `Input 'source': the token may not pull ${remote.repository} from ${remote.host}. Have an admin of ${remote.repository.split('/')[0]} grant it \`system:image-puller\` there.`
        )
      }
      throw err
    })
  if (!manifest) return undefined
  const doc = parse(manifest)
  const promotion = { repository: remote.repository, digest: manifest.digest }
  if (doc.manifests) {
    return {
      source: { reference, id: manifest.digest, platforms: indexPlatforms(doc), index: true },
      promotion
    }
  }
  const configDigest = doc.config?.digest ?? manifest.digest
  const config = parseImageConfig(await client.getBlob(remote.repository, configDigest))
  const platform = platformOf(config.os, config.architecture, config.variant)
  return { source: { reference, id: configDigest, platforms: platform ? [platform] : [] }, promotion }
}

/**
 * Copies the source under `repository:tag` on the server and returns what was put there: the source's own
 * digest, and its top manifest for the other tags.
 */
export async function promote(
  client: RegistryClient,
  from: Promotion,
  repository: string,
  tag: string
): Promise<Pushed> {
  const top = await client.getManifest(from.repository, from.digest)
  const doc = parse(top)
  if (doc.manifests) {
    // Each platform's manifest first, by digest, so the index never names what the repository lacks.
    for (const child of doc.manifests) {
      const manifest = await client.getManifest(from.repository, child.digest)
      await mountBlobs(client, from.repository, repository, parse(manifest))
      await client.putManifest(repository, child.digest, manifest)
    }
  } else {
    await mountBlobs(client, from.repository, repository, doc)
  }
  const digest = await client.putManifest(repository, tag, top)
  if (digest !== from.digest) {
    throw new UserError(
      `The registry stored ${repository}:${tag} as ${digest}, not ${from.digest}. Run the step again.`
    )
  }
  return { digest, manifest: top }
}

async function mountBlobs(
  client: RegistryClient,
  from: string,
  repository: string,
  doc: ManifestDocument
): Promise<void> {
  // Layers with `urls` are foreign (not in the registry): there is nothing to mount.
  const blobs = [doc.config, ...(doc.layers ?? []).filter(l => !l.urls?.length)]
    .filter((b): b is { digest: string } => !!b)
    .map(b => b.digest)
  const mounted = await Promise.all([...new Set(blobs)].map(d => client.mountBlob(repository, d, from)))
  if (mounted.every(Boolean)) return
  throw new UserError(
    `The registry would not mount the layers of ${from} into ${repository} (it offered an ordinary upload instead): the token may not pull from ${from}. Have an admin of ${from.split('/')[0]} grant it \`system:image-puller\` there.`
  )
}

function parse(manifest: Manifest): ManifestDocument {
  return parseManifest(manifest.body)
}
