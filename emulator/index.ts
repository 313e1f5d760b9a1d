// Starts the whole emulator: certificates, the docker-registry child, the registry gateway and
// the API on HTTPS and HTTP. See types.ts for the contract.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { ApiServer } from './api/server.js'
import { parseOpenShiftVersion, type RegistryBehaviour } from './cluster.js'
import { controlHandler } from './control.js'
import { Faults } from './faults.js'
import { renderImageStream } from './imagestreams.js'
import { Distribution } from './registry/distribution.js'
import { seedEmptyBlobs } from './registry/empty-layers.js'
import { Gateway } from './registry/gateway.js'
import { State } from './state.js'
import { Stats } from './stats.js'
import { makeCertificates } from './tls.js'
import type { Emulator, StartOptions, StateSpec } from './types.js'
import { controllerOf } from './workloads/controller.js'
import { setImageFault } from './workloads/faults.js'
import { workloadsOf } from './workloads/store.js'

export type * from './types.js'
// For the tests' own servers: a throw-away CA and certificate, and the docker-registry configuration the emulator
// runs its registry with (for a plain registry beside it).
export { configYaml } from './registry/distribution.js'
export { type Certificates, makeCertificates } from './tls.js'

const INTERNAL_REGISTRY = 'image-registry.openshift-image-registry.svc:5000'
const REGISTRY_NAMESPACE = 'openshift-image-registry'

/** What `npm run emulator` starts with: two projects, four service accounts there, one person. */
export function defaultState(): StateSpec {
  return {
    projects: ['demo', 'other'],
    serviceAccounts: [
      { project: 'demo', name: 'pusher', roles: ['system:image-pusher'] },
      { project: 'demo', name: 'builder', roles: ['system:image-builder'] },
      { project: 'demo', name: 'ci', roles: ['system:image-builder'], canRequestToken: true },
      { project: 'demo', name: 'admin', roles: ['admin'] },
      { project: 'other', name: 'puller' }
    ],
    users: [{ name: 'alice', roles: { demo: ['admin'] } }]
  }
}

/**
 * What every OpenShift cluster has whatever the test's state: the registry's namespace and account, and
 * the `openshift` namespace, whose ImageStreams every authenticated user may read. `oc registry info`, and the action, learn the registry's public host there.
 */
export function clusterState(): StateSpec {
  return {
    projects: ['openshift', REGISTRY_NAMESPACE],
    imageStreams: ['openshift/cli'],
    // The account the integrated registry runs as (the operator's ClusterRoleBinding
    // registry-registry-role): what a real registry in front of this API needs in its kubeconfig.
    serviceAccounts: [{ project: REGISTRY_NAMESPACE, name: 'registry', clusterRoles: ['system:registry'] }],
    roles: [
      {
        project: 'openshift',
        name: 'shared-resource-viewer',
        rules: [
          {
            verbs: ['get', 'list', 'watch'],
            apiGroups: ['image.openshift.io'],
            resources: ['imagestreams', 'imagestreamtags']
          }
        ]
      }
    ],
    bindings: [
      {
        project: 'openshift',
        name: 'shared-resource-viewers',
        roleRef: { kind: 'Role', name: 'shared-resource-viewer' },
        subjects: [{ kind: 'Group', name: 'system:authenticated' }]
      }
    ]
  }
}

function log(msg: string): void {
  if (process.env.EMULATOR_DEBUG) process.stderr.write(`[emulator] ${msg}\n`)
}

export async function startEmulator(opts: StartOptions = {}): Promise<Emulator> {
  // Checked before anything starts: a wrong version is the caller's mistake, not a start-up failure.
  const openshiftVersion = parseOpenShiftVersion(
    opts.openshiftVersion ?? process.env.EMULATOR_OPENSHIFT_VERSION
  )
  const ownDir = !opts.workDir
  const workDir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'rahti-emulator-')))
  const cleanups: (() => Promise<void> | void)[] = []
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c()
    if (ownDir) await rm(workDir, { recursive: true, force: true })
  }
  try {
    const stats = new Stats()
    cleanups.push(() => stats.stop())
    const faults = new Faults()
    faults.latency.set(opts.latency ?? {})
    const certs = await makeCertificates(workDir, opts.hostNames)
    const backend = new Distribution(workDir)
    cleanups.push(() => backend.stop())
    await backend.start()
    await seedEmptyBlobs(backend.url)

    const behaviour: RegistryBehaviour = { newerRegistry: opts.newerRegistry ?? false }
    const state = new State({ internal: opts.internalRegistryHost ?? INTERNAL_REGISTRY, public: '' })
    const registryTls = opts.registryTls ?? true
    const gateway = new Gateway({
      state,
      faults,
      stats,
      backendPort: backend.port,
      tls: registryTls ? certs : undefined,
      imageStreamUpdateWindowMs: opts.imageStreamUpdateWindowMs ?? 2,
      behaviour,
      log
    })
    const registry = `127.0.0.1:${await gateway.listen()}`
    cleanups.push(() => gateway.close())
    state.hosts.public =
      opts.externalRegistryHost === null
        ? ''
        : (opts.externalRegistryHost ?? opts.publicRegistryHost ?? registry)

    // The control endpoints act on the Emulator object, which needs the API's ports first.
    const self: { current?: Emulator } = {}
    const api = new ApiServer({
      state,
      faults,
      stats,
      tls: certs,
      openshiftVersion,
      mapping: {
        windowMs: opts.imageStreamUpdateWindowMs ?? 2,
        onConflict: () => stats.imageStreamConflicts++
      },
      control: controlHandler(() => self.current as Emulator),
      log
    })
    await api.listen()
    cleanups.push(() => api.close())

    cleanups.push(() => controllerOf(state).stop())
    // The registry's own account comes last, so that the first accounts stay the test's.
    const registryAccounts = state.apply(clusterState())
    const accounts = [...state.apply(opts.state ?? defaultState()), ...registryAccounts]
    let stopped: Promise<void> | undefined
    const emulator: Emulator = {
      info: {
        apiUrl: `https://127.0.0.1:${api.httpsPort}`,
        apiHttpUrl: `http://127.0.0.1:${api.httpPort}`,
        registry,
        registryScheme: gateway.scheme,
        caFile: certs.caFile,
        caPem: certs.ca,
        accounts,
        newerRegistry: behaviour.newerRegistry
      },
      apply: spec => state.apply(spec),
      injectFault: f => faults.add(f),
      clearFaults: () => faults.clear(),
      setLatency: latency =>
        faults.latency.set(typeof latency === 'number' ? { requestMs: latency } : latency),
      stats: () => stats.snapshot(),
      resetStats: () => stats.reset(),
      getImageStream: (project, name) => {
        const s = state.imageStream(project, name)
        return s ? renderImageStream(s, state.hosts) : undefined
      },
      deleteImageStream: (project, name) => {
        state.deleteImageStream(project, name)
      },
      expireToken: token => {
        state.expireToken(token)
      },
      setImageFault: fault => setImageFault(workloadsOf(state), fault),
      clearImageFaults: () => {
        workloadsOf(state).faults = []
      },
      setNewerRegistry: on => {
        behaviour.newerRegistry = on
        emulator.info.newerRegistry = on
      },
      stop: () => (stopped ??= cleanup())
    }
    self.current = emulator
    return emulator
  } catch (e) {
    await cleanup()
    throw e
  }
}
