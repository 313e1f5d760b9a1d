// The API server: one request handler behind two listeners (HTTPS with the emulator's CA, and
// plain HTTP). Authentication first, then the route's own RBAC check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'

import { type OpenShiftVersion, versionInfo } from '../cluster.js'
import type { Faults } from '../faults.js'
import { ANONYMOUS } from '../rbac.js'
import type { State } from '../state.js'
import type { Stats } from '../stats.js'
import { Ctx, type MappingSettings, type Route, route } from './context.js'
import * as core from './core.js'
import * as discovery from './discovery.js'
import * as images from './imagestream-routes.js'
import * as rbac from './rbac-routes.js'
import * as registryApi from './registry-api.js'
import * as reviews from './reviews.js'
import { failure, METHOD_NOT_ALLOWED, PATH_NOT_FOUND, UNAUTHORIZED } from './status.js'
import { workloadRoutes } from './workload-routes.js'

const NS = '/api/v1/namespaces/:ns'
const IMG = '/apis/image.openshift.io/v1/namespaces/:ns'

/** The same six routes for roles and for rolebindings; the handlers read which from `kind`. */
function rbacRoutes(): Route[] {
  return (['roles', 'rolebindings'] as const).flatMap(kind => {
    const base = `/apis/rbac.authorization.k8s.io/v1/namespaces/:ns/${kind}`
    const k = (h: (ctx: Ctx) => void | Promise<void>) => (ctx: Ctx) => {
      ctx.params.kind = kind
      return h(ctx)
    }
    return [
      route('GET', base, k(rbac.list)),
      route('POST', base, k(rbac.write)),
      route('GET', `${base}/:name`, k(rbac.get)),
      route('PUT', `${base}/:name`, k(rbac.write)),
      route('PATCH', `${base}/:name`, k(rbac.patch)),
      route('DELETE', `${base}/:name`, k(rbac.remove))
    ]
  })
}

const ROUTES: Route[] = [
  route('GET', '/api', discovery.apiVersions),
  route('GET', '/api/v1', discovery.coreResources),
  route('GET', '/apis', discovery.apiGroups),
  route('GET', '/apis/:group', discovery.apiGroup),
  route('GET', '/apis/:group/:version', discovery.groupResources),

  route('POST', '/apis/authentication.k8s.io/:version/selfsubjectreviews', reviews.selfSubjectReview),
  route('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', reviews.selfSubjectAccessReview),
  route('POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', reviews.selfSubjectRulesReview),
  route(
    'POST',
    '/apis/authorization.k8s.io/v1/namespaces/:ns/localsubjectaccessreviews',
    reviews.localSubjectAccessReview
  ),
  route(
    'POST',
    '/apis/authorization.openshift.io/v1/subjectaccessreviews',
    reviews.legacySubjectAccessReview
  ),
  route('GET', '/apis/user.openshift.io/v1/users/:name', reviews.getUser),

  route('GET', '/apis/project.openshift.io/v1/projects', core.listProjects),
  route('GET', '/apis/project.openshift.io/v1/projects/:name', core.getProject),
  route('GET', '/api/v1/namespaces', core.listNamespaces),
  route('GET', '/api/v1/namespaces/:name', core.getNamespace),
  route('GET', `${NS}/serviceaccounts`, core.listServiceAccounts),
  route('POST', `${NS}/serviceaccounts`, core.createServiceAccount),
  route('GET', `${NS}/serviceaccounts/:name`, core.getServiceAccount),
  route('DELETE', `${NS}/serviceaccounts/:name`, core.deleteServiceAccount),
  route('POST', `${NS}/serviceaccounts/:name/token`, core.requestToken),
  route('GET', `${NS}/resourcequotas`, core.listResourceQuotas),
  route('GET', `${NS}/resourcequotas/:name`, core.getResourceQuota),
  route('GET', `${NS}/configmaps`, core.listConfigMaps),
  route('GET', `${NS}/configmaps/:name`, core.getConfigMap),

  route('GET', '/apis/image.openshift.io/v1/imagestreams', images.listAllImageStreams),
  route('GET', `${IMG}/imagestreams`, images.listImageStreams),
  route('POST', `${IMG}/imagestreams`, images.createImageStream),
  route('GET', `${IMG}/imagestreams/:name`, images.getImageStream),
  route('PUT', `${IMG}/imagestreams/:name`, images.updateImageStream),
  route('PATCH', `${IMG}/imagestreams/:name`, images.updateImageStream),
  route('DELETE', `${IMG}/imagestreams/:name`, images.deleteImageStream),
  route('GET', `${IMG}/imagestreamtags`, images.listImageStreamTags),
  route('POST', `${IMG}/imagestreamtags`, images.putImageStreamTag),
  route('GET', `${IMG}/imagestreamtags/:name`, images.getImageStreamTag),
  route('PUT', `${IMG}/imagestreamtags/:name`, images.putImageStreamTag),
  route('DELETE', `${IMG}/imagestreamtags/:name`, images.deleteImageStreamTag),
  route('GET', `${IMG}/imagestreamimages/:name`, images.getImageStreamImage),

  // What the integrated registry calls with its own account.
  route('GET', `${IMG}/imagestreams/:name/layers`, registryApi.getImageStreamLayers),
  route('GET', `${IMG}/imagestreams/:name/secrets`, registryApi.getImageStreamSecrets),
  route('POST', `${IMG}/imagestreammappings`, registryApi.createImageStreamMapping),
  route('POST', '/apis/image.openshift.io/v1/images', registryApi.createImageObject),
  route('GET', '/apis/image.openshift.io/v1/images/:name', registryApi.getImageObject),
  route('GET', `${NS}/limitranges`, registryApi.listLimitRanges),
  route(
    'GET',
    '/apis/operator.openshift.io/v1alpha1/imagecontentsourcepolicies',
    registryApi.emptyClusterList(
      'operator.openshift.io',
      'v1alpha1',
      'imagecontentsourcepolicies',
      'ImageContentSourcePolicyList'
    )
  ),
  route(
    'GET',
    '/apis/config.openshift.io/v1/imagedigestmirrorsets',
    registryApi.emptyClusterList(
      'config.openshift.io',
      'v1',
      'imagedigestmirrorsets',
      'ImageDigestMirrorSetList'
    )
  ),
  route(
    'GET',
    '/apis/config.openshift.io/v1/imagetagmirrorsets',
    registryApi.emptyClusterList('config.openshift.io', 'v1', 'imagetagmirrorsets', 'ImageTagMirrorSetList')
  ),

  route('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles', rbac.clusterRoles),
  route('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/:name', rbac.clusterRoles),
  ...rbacRoutes(),
  ...workloadRoutes()
]

export interface ApiOptions {
  state: State
  faults: Faults
  stats: Stats
  tls: { cert: string; key: string }
  openshiftVersion: OpenShiftVersion
  /** How ImageStreamMappings meet concurrent writers (see mapping.ts). */
  mapping: MappingSettings
  /** Handles /_emulator/ requests; they bypass authentication, latency and faults. */
  control: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>
  log: (msg: string) => void
}

function sendJson(res: ServerResponse, code: number, body: unknown, head: boolean): void {
  res.writeHead(code, { 'Content-Type': 'application/json' })
  res.end(head ? undefined : JSON.stringify(body))
}

export class ApiServer {
  private readonly servers: Server[]
  httpsPort = 0
  httpPort = 0

  constructor(private readonly o: ApiOptions) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch(err => {
        o.log(`api: ${(err as Error).stack ?? String(err)}`)
        if (!res.headersSent)
          sendJson(res, 500, failure(500, 'InternalError', 'Internal error occurred'), false)
        else res.destroy()
      })
    }
    this.servers = [createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, handler), createServer(handler)]
    this.servers.forEach((s, i) =>
      o.faults.latency.delayConnections(s, i === 0, () => o.stats.apiConnections++)
    )
  }

  async listen(): Promise<void> {
    const ports = await Promise.all(
      this.servers.map(
        s =>
          new Promise<number>((resolve, reject) => {
            s.once('error', reject)
            s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))
          })
      )
    )
    ;[this.httpsPort, this.httpPort] = ports
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(s => {
        s.closeAllConnections()
        return new Promise<void>(resolve => s.close(() => resolve()))
      })
    )
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://api')
    const path = url.pathname
    const method = req.method ?? 'GET'
    const head = method === 'HEAD'
    if (path.startsWith('/_emulator/')) return this.o.control(req, res, url)
    this.o.stats.apiRequests++
    if (await this.o.faults.intercept('api', req, res, path)) return

    // Public: what `oc login` probes before it sends a token, and health checks.
    if (path === '/' && (head || method === 'GET')) {
      return sendJson(res, 200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/version'] }, head)
    }
    if (path === '/version') return sendJson(res, 200, versionInfo(this.o.openshiftVersion), head)
    if (['/healthz', '/readyz', '/livez'].includes(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(head ? undefined : 'ok')
      return
    }

    // A request without credentials is system:anonymous, as OpenShift's API server takes it (RBAC
    // then refuses it nearly everything); credentials that do not authenticate are a 401.
    const auth = req.headers.authorization
    const m = /^Bearer\s+(\S+)$/i.exec(auth ?? '')
    const result =
      auth === undefined ? { identity: ANONYMOUS } : m ? this.o.state.authenticate(m[1]) : undefined
    if (!result || !('identity' in result)) {
      req.resume()
      return sendJson(res, 401, UNAUTHORIZED, head)
    }

    let methodMismatch = false
    for (const r of ROUTES) {
      const match = r.pattern.exec(path)
      if (!match) continue
      if (r.method !== method && !(head && r.method === 'GET')) {
        methodMismatch = true
        continue
      }
      const params: Record<string, string> = {}
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(match[i + 1])))
      const ctx = new Ctx(req, res, url, this.o.state, result.identity, params, this.o.openshiftVersion, {
        ...this.o.mapping,
        forcedConflicts: this.o.faults.takenBy(req)?.conflicts ?? 0
      })
      return r.handler(ctx)
    }
    req.resume()
    sendJson(res, methodMismatch ? 405 : 404, methodMismatch ? METHOD_NOT_ALLOWED : PATH_NOT_FOUND, head)
  }
}
