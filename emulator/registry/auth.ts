// How the integrated registry decides who is calling and what they may do: credentials are a
// token (Bearer, or the password of Basic), checked against the cluster; each repository access
// is a SelfSubjectAccessReview on imagestreams/layers.
import type { IncomingMessage, ServerResponse } from 'node:http'

import { ANONYMOUS, authorize, type Identity } from '../rbac.js'
import type { State } from '../state.js'

export interface AccessRecord {
  Type: string
  Class: string
  Name: string
  Action: string
}

export type Credentials =
  | { kind: 'none' }
  | { kind: 'undecodable' }
  | { kind: 'token'; token: string; scheme: 'Bearer' | 'Basic' }
  | { kind: 'anonymous' }

export function readCredentials(req: IncomingMessage): Credentials {
  const header = req.headers.authorization
  if (!header) return { kind: 'none' }
  const space = header.indexOf(' ')
  const scheme = space < 0 ? header : header.slice(0, space)
  const value = space < 0 ? '' : header.slice(space + 1).trim()
  if (scheme.toLowerCase() === 'bearer') {
    if (!value) return { kind: 'undecodable' }
    return value === 'anonymous' ? { kind: 'anonymous' } : { kind: 'token', token: value, scheme: 'Bearer' }
  }
  if (scheme.toLowerCase() === 'basic') {
    const password = basicPassword(value)
    return password ? { kind: 'token', token: password, scheme: 'Basic' } : { kind: 'undecodable' }
  }
  return { kind: 'undecodable' }
}

/** The password of a Basic credential (the user name is ignored); undefined when absent or empty. */
export function basicPassword(value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return decoded.slice(colon + 1) || undefined
}

export function repositoryRecord(name: string, action: string): AccessRecord {
  return { Type: 'repository', Class: '', Name: name, Action: action }
}

/** `project/name`, or undefined for anything else (more or fewer path components). */
export function splitRepository(name: string): [string, string] | undefined {
  const parts = name.split('/')
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : undefined
}

export function mayAccess(state: State, who: Identity, record: AccessRecord): boolean {
  if (record.Type === 'registry') {
    return authorize(state, who, { verb: 'list', group: 'image.openshift.io', resource: 'imagestreams' })
  }
  const repo = splitRepository(record.Name)
  if (!repo) return false
  return authorize(state, who, {
    verb: record.Action === 'pull' ? 'get' : 'update',
    group: 'image.openshift.io',
    resource: 'imagestreams',
    subresource: 'layers',
    name: repo[1],
    namespace: repo[0]
  })
}

function unauthorized(
  res: ServerResponse,
  challenge: string,
  detail: AccessRecord[] | null,
  head: boolean
): void {
  res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'WWW-Authenticate': challenge })
  const body = { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail }] }
  res.end(head ? undefined : JSON.stringify(body) + '\n')
}

/**
 * Resolves the caller, answering the request itself (401) when it cannot: no credentials get the
 * Bearer challenge pointing at /openshift/token, bad ones the Basic "access denied" challenge.
 */
export function identify(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  detail: AccessRecord[] | null
): Identity | undefined {
  const head = req.method === 'HEAD'
  const cred = readCredentials(req)
  switch (cred.kind) {
    case 'none': {
      const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http'
      const realm = `${scheme}://${req.headers.host ?? '127.0.0.1'}/openshift/token`
      unauthorized(res, `Bearer realm="${realm}"`, detail, head)
      return undefined
    }
    case 'undecodable':
      unauthorized(res, 'Basic realm=openshift,error="failed to decode credentials"', detail, head)
      return undefined
    case 'anonymous':
      return ANONYMOUS
    case 'token': {
      const r = state.authenticate(cred.token)
      if ('identity' in r) return r.identity
      denied(res, detail, head)
      return undefined
    }
  }
}

export function denied(res: ServerResponse, detail: AccessRecord[] | null, head: boolean): void {
  unauthorized(res, 'Basic realm=openshift,error="access denied"', detail, head)
}
