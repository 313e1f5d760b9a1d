// The ImageStream: reading it, creating it when missing (a concurrent job's 409 counts as created),
// and learning the registry's public host from it, as `oc registry info` does.
import { HttpStatusError, UserError } from '../util/errors.js'
import type { OpenShiftApi } from './api.js'

export interface ImageStream {
  metadata: { name: string; namespace: string }
  spec?: { lookupPolicy?: { local?: boolean } }
  status?: {
    dockerImageRepository?: string
    publicDockerImageRepository?: string
    tags?: {
      tag: string
      /** The tag's history, newest first; `generation` is the stream's generation the event made. */
      items?: { image: string; dockerImageReference?: string; created?: string; generation?: number }[]
    }[]
  }
}

/** `absent`, `present`, or `unknown` when the identity may not read streams (system:image-pusher may not). */
export type StreamLookup =
  { state: 'present'; stream: ImageStream } | { state: 'absent' } | { state: 'unknown' }

const base = (project: string) => `/apis/image.openshift.io/v1/namespaces/${project}/imagestreams`

export async function getImageStream(
  api: OpenShiftApi,
  project: string,
  name: string
): Promise<StreamLookup> {
  try {
    return { state: 'present', stream: await api.get<ImageStream>(`${base(project)}/${name}`) }
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return { state: 'absent' }
    if (err instanceof HttpStatusError && err.status === 403) return { state: 'unknown' }
    throw err
  }
}

export interface Created {
  stream?: ImageStream
  /** False when another job created it first (409). */
  createdHere: boolean
}

export async function createImageStream(api: OpenShiftApi, project: string, name: string): Promise<Created> {
  try {
    const stream = await api.post<ImageStream>(base(project), {
      kind: 'ImageStream',
      apiVersion: 'image.openshift.io/v1',
      metadata: { name },
      spec: { lookupPolicy: { local: false } }
    })
    return { stream, createdHere: true }
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 409) return { createdHere: false }
    if (err instanceof HttpStatusError && err.status === 403 && /exceeded quota/i.test(err.message)) {
      const detail = /exceeded quota: [^,]+, requested: [^,]+, used: [^,]+, limited: \S+/.exec(
        err.message
      )?.[0]
      throw new UserError(
        `The ImageStream ${project}/${name} cannot be created: the project's quota allows no more ImageStreams${detail ? ` (${detail})` : ''}. Delete one that is no longer used (\`oc get imagestreams -n ${project}\`, \`oc delete imagestream NAME -n ${project}\`), or ask CSC for a larger quota.`
      )
    }
    throw err
  }
}

export function hostOf(repository: string | undefined): string | undefined {
  if (!repository) return undefined
  const host = repository.split('/')[0]
  return host || undefined
}

/**
 * The registry's public host as the cluster reports it: from any stream this identity may list in the
 * project, else in the `openshift` namespace, which every authenticated user may read.
 */
export async function discoverRegistryHost(api: OpenShiftApi, project: string): Promise<string | undefined> {
  // Both asked at once: an identity with only image roles is refused the first, and waiting for that
  // refusal before asking the second would cost a round trip.
  const hosts = await Promise.all(
    [project, 'openshift'].map(async namespace => {
      try {
        const list = await api.get<{ items?: ImageStream[] }>(`${base(namespace)}?limit=5`)
        return (list.items ?? []).map(item => hostOf(item.status?.publicDockerImageRepository)).find(Boolean)
      } catch (err) {
        if (err instanceof HttpStatusError && [403, 404].includes(err.status)) return undefined
        throw err
      }
    })
  )
  return hosts.find(Boolean)
}

/**
 * Sets `spec.lookupPolicy.local` (a Deployment in the project may then name the image as `name:tag`) when it
 * differs; returns whether it changed.
 */
export async function setLocalLookup(
  api: OpenShiftApi,
  project: string,
  name: string,
  local: boolean
): Promise<boolean> {
  const stream = await api.get<ImageStream>(`${base(project)}/${name}`)
  if ((stream.spec?.lookupPolicy?.local ?? false) === local) return false
  await api.patch(`${base(project)}/${name}`, { spec: { lookupPolicy: { local } } })
  return true
}
