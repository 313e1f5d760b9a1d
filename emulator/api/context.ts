// One API request: who asks, the parsed URL and its path parameters, and the ways to answer.
import type { IncomingMessage, ServerResponse } from 'node:http'

import type { OpenShiftVersion } from '../cluster.js'
import type { ObjectMeta, RegistryHosts } from '../imagestreams.js'
import type { MappingOptions } from '../mapping.js'
import { type Attributes, authorize, type Identity } from '../rbac.js'
import type { State } from '../state.js'
import { applyPatch } from './patch.js'
import { decodeProtobuf, PROTOBUF } from './protobuf.js'
import { labelSelector } from './selector.js'
import { badRequest, failure, forbidden, type StatusObject } from './status.js'
import { type Column, NAME_AGE, toTable, wantsTable } from './table.js'

const MAX_BODY = 3 * 1024 * 1024

/** The apiserver's ImageStream update window and the conflict counter, for ImageStreamMappings. */
export type MappingSettings = Omit<MappingOptions, 'forcedConflicts'>

export class Ctx {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly state: State,
    readonly identity: Identity,
    readonly params: Record<string, string>,
    readonly openshiftVersion: OpenShiftVersion,
    /** For this request's ImageStreamMapping: the settings, and the conflicts an injected fault forces. */
    readonly mapping: MappingOptions
  ) {}

  get hosts(): RegistryHosts {
    return this.state.hosts
  }

  send(code: number, body: unknown): void {
    const text = JSON.stringify(body)
    this.res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' })
    this.res.end(this.req.method === 'HEAD' ? undefined : text)
  }

  fail(status: StatusObject): void {
    this.send(status.code, status)
  }

  /** Checks RBAC; on denial answers 403 and returns false. */
  allow(attrs: Attributes): boolean {
    if (authorize(this.state, this.identity, attrs)) return true
    this.fail(forbidden(this.identity.username, attrs))
    return false
  }

  /**
   * Non-resource URLs (discovery): `system:discovery` is bound to authenticated users only, so
   * system:anonymous gets 403 here; on denial answers and returns false.
   */
  allowPath(): boolean {
    if (this.identity.groups.includes('system:authenticated')) return true
    const message = `forbidden: User "${this.identity.username}" cannot get path "${this.url.pathname}"`
    this.fail(failure(403, 'Forbidden', message, {}))
    return false
  }

  /** The request body; on one too large answers 400 and returns undefined. */
  async raw(): Promise<Buffer | undefined> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of this.req) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY) {
        this.fail(badRequest('request entity too large'))
        return undefined
      }
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks)
  }

  /**
   * The body as an object: JSON, or the Kubernetes protobuf that typed clients such as
   * `kubectl create rolebinding` send; on anything else answers 400 and returns undefined.
   */
  async body(): Promise<Record<string, unknown> | undefined> {
    const raw = await this.raw()
    if (raw === undefined) return undefined
    const type = String(this.req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
    try {
      if (type === PROTOBUF) return decodeProtobuf(raw)
      const parsed: unknown = JSON.parse(raw.toString('utf8') || 'null')
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>
    } catch {
      // answered below
    }
    this.fail(
      badRequest(
        `the body of the request was in an unknown format - accepted media types include: application/json, ${PROTOBUF}`
      )
    )
    return undefined
  }

  /** The PATCH body applied to `current` (as rendered); on failure answers and returns undefined. */
  async patched(current: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const raw = await this.raw()
    if (raw === undefined) return undefined
    const r = applyPatch(String(this.req.headers['content-type'] ?? ''), current, raw.toString('utf8'))
    if ('error' in r) return void this.fail(r.error)
    return r.result
  }

  /** The objects the request's `labelSelector` selects; on a bad selector answers 400 and returns undefined. */
  selected<T extends { metadata: { labels?: Record<string, string> } }>(objects: T[]): T[] | undefined {
    const sel = labelSelector(this.url.searchParams.get('labelSelector'))
    if ('error' in sel) return void this.fail(sel.error)
    return objects.filter(o => sel.matches(o.metadata.labels))
  }

  /** A list (or, for kubectl and oc, a Table of it). */
  sendList(
    kind: string,
    apiVersion: string,
    items: Record<string, unknown>[],
    columns: Column[] = NAME_AGE
  ): void {
    const rv = this.state.nextResourceVersion()
    if (wantsTable(this.req.headers.accept)) return this.send(200, toTable(items, columns, rv))
    this.send(200, { kind, apiVersion, metadata: { resourceVersion: rv }, items })
  }

  sendObject(code: number, obj: Record<string, unknown>, columns: Column[] = NAME_AGE): void {
    if (wantsTable(this.req.headers.accept) && this.req.method === 'GET') {
      return this.send(code, toTable([obj], columns, this.state.nextResourceVersion()))
    }
    this.send(code, obj)
  }
}

/** Labels and annotations as a written object's metadata has them: an update without them removes them. */
export function setMetadata(target: ObjectMeta, meta: Record<string, unknown>): void {
  for (const key of ['labels', 'annotations'] as const) {
    const value = meta[key]
    if (value && typeof value === 'object' && Object.keys(value).length > 0)
      target[key] = { ...(value as Record<string, string>) }
    else delete target[key]
  }
}

export type Handler = (ctx: Ctx) => void | Promise<void>

export interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

export function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = []
  const source = path.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key)
    return '([^/]+)'
  })
  return { method, pattern: new RegExp(`^${source}/?$`), keys, handler }
}
