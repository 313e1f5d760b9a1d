// The emulator's public contract: what tests, the demo and the benchmark may rely on.
// Everything here is reachable two ways: in-process through `Emulator`, and over HTTP
// through the control endpoints under `<apiUrl>/_emulator/` (for scripts that start `npm run emulator`).
//
// The API behaves as OpenShift's does for what it serves (details in emulator/api/*):
// - A request without credentials is `system:anonymous` (groups `system:unauthenticated`) and
//   meets RBAC like anyone; a token that does not authenticate (unknown, expired, or of a deleted
//   service account) is a 401. Discovery is for authenticated users only.
// - Roles and RoleBindings (rbac.authorization.k8s.io/v1): create (JSON or kubectl's protobuf),
//   get, list with `labelSelector`, update (a stale `resourceVersion` is a 409 Conflict), patch
//   (merge, strategic merge, JSON patch), delete; `admin` may, `edit` may not; nobody grants
//   what they do not hold. Bindings apply at once to the API and to registry pulls and pushes.
// - SelfSubjectAccessReview (anyone, anonymous included), LocalSubjectAccessReview (`admin`).
// - ImageStreams: PUT/PATCH change `spec.lookupPolicy.local`, labels and annotations (`edit`);
//   ImageStreamTag DELETE (`edit`) removes the tag from the stream and the registry; status tag
//   items carry `created`, when the tag was pushed.
// - ResourceQuotas (read-only, from `StateSpec.quotas`): one ImageStream too many is a 403
//   `exceeded quota` on the API and DENIED on a push that would create it.
// - Workloads (emulator/api/workload-routes.ts): Deployments, ReplicaSets, DeploymentConfigs,
//   ReplicationControllers, pods and events, rolled out by a controller that ticks every 200 ms
//   (emulator/workloads/controller.ts); pods of images on the cluster's registry pull only what
//   exists there, other images are taken as pullable; ImageFaultSpec breaks them on purpose.

/** A role reference: a cluster role by name (`system:image-pusher`) or a project Role (`role:my-puller`). */
export type RoleName = string

export interface ServiceAccountSpec {
  project: string
  name: string
  /** Cluster roles (or `role:<name>` project Roles) bound to this account in its own project. */
  roles?: RoleName[]
  /** Cluster roles bound to this account cluster-wide (a ClusterRoleBinding), e.g. `system:registry`. */
  clusterRoles?: RoleName[]
  /** May request tokens for itself (TokenRequest): a Role with create on serviceaccounts/token, resourceNames [name]. */
  canRequestToken?: boolean
  /** The long-lived token; generated (JWT-shaped) when absent. */
  token?: string
  /** Seconds from now until the token expires; negative makes an already expired token. Default: never. */
  tokenExpiresIn?: number
}

export interface UserSpec {
  name: string
  /** A personal token, `sha256~...`; generated when absent. */
  token?: string
  tokenExpiresIn?: number
  groups?: string[]
  /** project -> cluster roles bound to this user there. */
  roles?: Record<string, RoleName[]>
}

export interface SubjectSpec {
  kind: 'User' | 'Group' | 'ServiceAccount'
  name: string
  /** For ServiceAccount. */
  namespace?: string
}

export interface BindingSpec {
  project: string
  /** Generated when absent. */
  name?: string
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string }
  subjects: SubjectSpec[]
}

export interface ClusterBindingSpec {
  roleRef: { kind: 'ClusterRole'; name: string }
  subjects: SubjectSpec[]
}

export interface RoleSpec {
  project: string
  name: string
  rules: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }[]
}

/** A ResourceQuota limiting the number of ImageStreams (`openshift.io/imagestreams`) in a project. */
export interface QuotaSpec {
  project: string
  /** Default `quota`. */
  name?: string
  imageStreams: number
}

export interface StateSpec {
  projects?: string[]
  serviceAccounts?: ServiceAccountSpec[]
  users?: UserSpec[]
  roles?: RoleSpec[]
  bindings?: BindingSpec[]
  /** ClusterRoleBindings: a cluster role granted in every namespace (e.g. `view` to a cluster reader). */
  clusterBindings?: ClusterBindingSpec[]
  /** ImageStreams that exist at start, as `project/name`. */
  imageStreams?: string[]
  /** Served read-only at /api/v1/namespaces/NS/resourcequotas; a stream beyond one is refused (403). */
  quotas?: QuotaSpec[]
  /**
   * LimitRanges, served at /api/v1/namespaces/NS/limitranges. `openshift.io/Image` `max.storage` is enforced as
   * the apiserver's ImageLimitRange admission does it: on each ImageStreamMapping, against the whole image (a
   * 403 on the API, 403 DENIED on the tagged manifest PUT); blob uploads are not refused, as on the real registry.
   */
  limitRanges?: LimitRangeSpec[]
}

/** A project's LimitRange, as `oc create -f` would take it (only what the registry and the admission read). */
export interface LimitRangeSpec {
  project: string
  /** Generated when absent; applying the same name again replaces it. */
  name?: string
  /** E.g. `{ type: 'openshift.io/Image', max: { storage: '512Mi' } }`; other types are kept but not enforced. */
  limits: { type: string; max?: Record<string, string> }[]
}

/** What `npm run emulator` prints (one JSON line) and `startEmulator` returns in `info`. */
export interface AccountInfo {
  /** The user name the API reports: `system:serviceaccount:demo:pusher` or `alice`. */
  name: string
  project: string
  token: string
  roles: RoleName[]
}

export interface EmulatorInfo {
  /** `https://127.0.0.1:PORT` */
  apiUrl: string
  /** `http://127.0.0.1:PORT`: the same API in plain HTTP (the control endpoints live here too). */
  apiHttpUrl: string
  /**
   * `127.0.0.1:PORT`: the registry gateway's host, as image references name it. HTTPS by default, as
   * Rahti's route is (the certificate is valid for 127.0.0.1 and localhost, signed by the CA below);
   * plain HTTP when started with `registryTls: false`. Docker treats 127.0.0.0/8 as an insecure
   * registry: it speaks HTTPS without verifying (and would fall back to HTTP).
   */
  registry: string
  /** How to reach `registry`: `https` (the default) or `http`. */
  registryScheme: 'https' | 'http'
  /**
   * Path of the CA certificate (PEM) that signed the API's and the registry's certificate. It is the
   * only `*.crt` (and there is no `*.key`) in its directory, so that directory works as skopeo's or
   * podman's `--cert-dir`.
   */
  caFile: string
  /** The same CA certificate's PEM text. */
  caPem: string
  /**
   * The state's accounts, then the integrated registry's own: `system:serviceaccount:openshift-image-registry:registry`
   * (project `openshift-image-registry`, roles `['system:registry']`, bound cluster-wide), whose token a
   * real openshift/image-registry put in front of this API uses as its kubeconfig.
   */
  accounts: AccountInfo[]
  /** Whether the registry gives the newer registry's answers (StartOptions.newerRegistry). */
  newerRegistry: boolean
}

export interface FaultSpec {
  /** HTTP method to match, or `*`. */
  method: string
  /** A regular expression (source text) matched against the request path (no query). */
  path: string
  /** Which server: `api`, `registry` or `*`. Default `*`. */
  server?: 'api' | 'registry' | '*'
  /** How many matching requests fail; then the fault is gone. Default 1. */
  count?: number
  /** Answer with this status (500, 502, 503, 429, ...). */
  status?: number
  /** With 429/503: a Retry-After header in seconds. */
  retryAfter?: number
  /** Destroy the socket instead of answering (after `afterBytes` bytes of the request body, if given). */
  reset?: boolean
  afterBytes?: number
  /** Delay the request by this many ms, then handle it normally (or apply status/reset). */
  delayMs?: number
  /**
   * For a registry manifest PUT by tag, or an API `POST imagestreammappings`: its ImageStreamMapping meets
   * this many update conflicts before the real state is looked at. The apiserver makes 10 attempts: with
   * 10 or more the tag is not written (the API answers 409 Conflict, the registry 500 UNKNOWN); with fewer
   * the mapping succeeds.
   */
  conflicts?: number
}

/**
 * The distance to the cluster. Every API and registry request waits `requestMs`; every NEW
 * connection waits `tcpMs` (the TCP handshake) and, on an HTTPS listener, `tlsMs` more (the TLS
 * handshake) before its first request is read. A kept-alive connection pays the set-up once.
 */
export interface LatencySpec {
  requestMs?: number
  tcpMs?: number
  tlsMs?: number
}

export interface GatewayStats {
  /** Bytes of blob upload bodies (PATCH/PUT/POST on blobs/uploads) received by the gateway. */
  blobBytesReceived: number
  /** Requests seen by the registry gateway and by the API, by `METHOD path-pattern`-ish key. */
  registryRequests: number
  apiRequests: number
  /** Connections accepted by the registry gateway and by the API (both listeners). */
  registryConnections: number
  apiConnections: number
  /** Blobs linked by a cross-repository mount (201); their bytes are not in `blobBytesReceived`. */
  blobsMounted: number
  /** ImageStream update conflicts the ImageStreamMappings of manifest PUTs met (each retry counts). */
  imageStreamConflicts: number
  /** Peak RSS of the emulator process in bytes, sampled. */
  peakRss: number
}

/**
 * A fault of the pods that run an image (the workloads' controller applies it):
 * `pull` fails the pull (ErrImagePull, then ImagePullBackOff); `crash` exits 1 and restarts
 * (CrashLoopBackOff); `exec-format` exits 255 logging `exec ...: exec format error`, as an image of
 * another architecture does; `slow` becomes ready `readyAfterSeconds` after its start.
 */
export interface ImageFaultSpec {
  /**
   * A digest (`sha256:...`, matching any reference `...@` it, or a tag that resolves to it), a whole image
   * reference, or a stream tag `project/name:tag` (whatever image the tag points at when a pod runs).
   */
  image: string
  fault: 'pull' | 'crash' | 'exec-format' | 'slow'
  readyAfterSeconds?: number
  /** For `crash`: the container's last log line. */
  message?: string
}

export interface Emulator {
  info: EmulatorInfo
  /** Adds projects, accounts, users, roles, bindings, streams (merging into the live state). */
  apply(spec: StateSpec): AccountInfo[]
  injectFault(fault: FaultSpec): void
  clearFaults(): void
  /**
   * A far-away runner: a number sets the per-request delay alone (ms); a LatencySpec changes the
   * settings it names. Control endpoint: POST /_emulator/latency with `{ms}` or a LatencySpec.
   */
  setLatency(latency: number | LatencySpec): void
  stats(): GatewayStats
  resetStats(): void
  /** Reads an ImageStream as the API would return it, or undefined. */
  getImageStream(project: string, name: string): unknown
  deleteImageStream(project: string, name: string): void
  /** Makes a token expired from now on. */
  expireToken(token: string): void
  /**
   * Faults of the pods that run an image, replacing any earlier one for the same image. Control
   * endpoints: POST /_emulator/image-faults with an ImageFaultSpec, DELETE to clear them all.
   */
  setImageFault(fault: ImageFaultSpec): void
  clearImageFaults(): void
  /** Switches the newer registry's answers on or off (StartOptions.newerRegistry). Control endpoint: POST /_emulator/registry `{newerRegistry}`. */
  setNewerRegistry(on: boolean): void
  stop(): Promise<void>
}

export interface StartOptions {
  /** The state to start from; default: the default state of `npm run emulator`. */
  state?: StateSpec
  /** Where to keep the CA, certificates and registry storage; default a new temporary directory. */
  workDir?: string
  /** Host names the registry reports as public and internal. @deprecated use `externalRegistryHost`. */
  publicRegistryHost?: string
  internalRegistryHost?: string
  /**
   * More DNS names the servers' certificate is valid for (besides 127.0.0.1 and localhost), for tests that
   * reach the emulator by a name, e.g. through a proxy that resolves it.
   */
  hostNames?: string[]
  /** The registry gateway speaks HTTPS with the emulator's CA (default true); false: plain HTTP. */
  registryTls?: boolean
  /** The latency to start with (see LatencySpec); default none. */
  latency?: LatencySpec
  /**
   * Milliseconds between the apiserver reading an ImageStream and writing it back when a manifest PUT
   * records a tag (an etcd round trip). Mappings to one stream that overlap in this window conflict
   * and retry, as on the real cluster. Default 2.
   */
  imageStreamUpdateWindowMs?: number
  /**
   * The cluster's external registry host (the registry's route), which ImageStreams report as
   * `status.publicDockerImageRepository`. Default: the gateway's `127.0.0.1:PORT`. `null` (CLI:
   * `--external-registry-host=none`) is a cluster without one: the field is absent, as on OpenShift.
   */
  externalRegistryHost?: string | null
  /**
   * The OpenShift minor emulated: `4.13` (no SelfSubjectReview), `4.14` (only
   * authentication.k8s.io/v1beta1), `4.15` and `4.16` (v1, and v1beta1 still). Default: the
   * environment's `EMULATOR_OPENSHIFT_VERSION` (so a whole test run can target one version), else
   * `4.16`. CLI: `--openshift-version=4.14`. Anything else fails the start.
   */
  openshiftVersion?: '4.13' | '4.14' | '4.15' | '4.16'
  /**
   * The registry carries openshift/image-registry PR #475 (OCPBUGS-99398): a manifest GET/HEAD by
   * digest into a stream that does not exist answers 404 MANIFEST_UNKNOWN instead of 500, so pushers
   * that HEAD each manifest first (containerd, Docker 29) reach the PUT, which creates the stream where
   * the pusher may. Default false (the registry as 4.13 to 4.16 ship it). CLI: `--newer-registry`.
   */
  newerRegistry?: boolean
}

/** One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 PolicyRule). */
export interface Rule {
  verbs: string[]
  apiGroups: string[]
  resources: string[]
  resourceNames?: string[]
}
