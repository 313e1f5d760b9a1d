// Which OpenShift the emulator pretends to be. The minor decides the Kubernetes version the API
// reports and which versions of authentication.k8s.io serve SelfSubjectReview, the call `oc login`
// and the action use to learn who a token belongs to.

export const OPENSHIFT_VERSIONS = ['4.13', '4.14', '4.15', '4.16'] as const
export type OpenShiftVersion = (typeof OPENSHIFT_VERSIONS)[number]
export const DEFAULT_OPENSHIFT_VERSION: OpenShiftVersion = '4.16'

/** OpenShift 4.N ships Kubernetes 1.(N+13). */
const KUBE_MINOR: Record<OpenShiftVersion, number> = { '4.13': 26, '4.14': 27, '4.15': 28, '4.16': 29 }

export function parseOpenShiftVersion(v: string | undefined): OpenShiftVersion {
  if (v === undefined || v === '') return DEFAULT_OPENSHIFT_VERSION
  if ((OPENSHIFT_VERSIONS as readonly string[]).includes(v)) return v as OpenShiftVersion
  throw new Error(`OpenShift version "${v}" is not emulated; choose one of ${OPENSHIFT_VERSIONS.join(', ')}`)
}

/**
 * Versions of authentication.k8s.io that serve `selfsubjectreviews`: alpha (off by default) in
 * Kubernetes 1.26, so none on 4.13; beta in 1.27 (4.14: v1beta1 only); GA in 1.28, with v1beta1
 * still served, deprecated, until its removal in 1.30 (4.15 and 4.16: both).
 */
export function selfSubjectReviewVersions(v: OpenShiftVersion): string[] {
  const minor = KUBE_MINOR[v]
  if (minor < 27) return []
  if (minor === 27) return ['v1beta1']
  return ['v1', 'v1beta1']
}

/** What `GET /version` answers: the Kubernetes release OpenShift 4.N is built on. */
export function versionInfo(v: OpenShiftVersion): Record<string, string> {
  const minor = KUBE_MINOR[v]
  return {
    major: '1',
    minor: String(minor),
    gitVersion: `v1.${minor}.10+67d3387`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-11-01T00:00:00Z',
    goVersion: minor < 28 ? 'go1.20.12 X:strictfipsruntime' : 'go1.21.13 X:strictfipsruntime',
    compiler: 'gc',
    platform: 'linux/amd64'
  }
}

/**
 * The integrated registry's own revision. `newerRegistry`: it carries openshift/image-registry PR #475
 * (OCPBUGS-99398), so a manifest GET/HEAD by digest into a stream that does not exist answers 404
 * MANIFEST_UNKNOWN instead of 500; pushes by tag into a missing stream create it where the pusher may,
 * as every release does. No emulated minor ships it as released: it is a switch.
 */
export interface RegistryBehaviour {
  newerRegistry: boolean
}
