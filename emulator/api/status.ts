// Failures as Kubernetes `Status` objects, with the messages the API server words them with.
import type { Attributes } from '../rbac.js'

export interface StatusObject {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Failure' | 'Success'
  message?: string
  reason?: string
  details?: Record<string, unknown>
  code: number
}

export function failure(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>
): StatusObject {
  // Key order as the API server writes it: details before code.
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code
  }
}

/** `imagestreams.image.openshift.io`, or just `serviceaccounts` for the core group. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource
}

function details(resource: string, group: string, name?: string): Record<string, unknown> {
  const d: Record<string, unknown> = {}
  if (name) d.name = name
  if (group) d.group = group
  d.kind = resource
  return d
}

export function notFound(resource: string, group: string, name: string): StatusObject {
  return failure(
    404,
    'NotFound',
    `${qualified(resource, group)} "${name}" not found`,
    details(resource, group, name)
  )
}

export function alreadyExists(resource: string, group: string, name: string): StatusObject {
  return failure(
    409,
    'AlreadyExists',
    `${qualified(resource, group)} "${name}" already exists`,
    details(resource, group, name)
  )
}

/** The 409 of an update that names a resourceVersion other than the object's current one. */
export function conflict(resource: string, group: string, name: string): StatusObject {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(resource, group, name)
  )
}

export function forbidden(user: string, a: Attributes, why = ''): StatusObject {
  const target = a.name ? `${qualified(a.resource, a.group)} "${a.name}"` : qualified(a.resource, a.group)
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope'
  const message = `${target} is forbidden: User "${user}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}${why ? `: ${why}` : ''}`
  return failure(403, 'Forbidden', message, details(a.resource, a.group, a.name))
}

export function invalid(
  kind: string,
  group: string,
  name: string,
  field: string,
  value: string,
  why: string
): StatusObject {
  const what = group ? `${kind}.${group}` : kind
  const cause = `Invalid value: ${JSON.stringify(value)}: ${why}`
  return failure(422, 'Invalid', `${what} "${name}" is invalid: ${field}: ${cause}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: [{ reason: 'FieldValueInvalid', message: cause, field }]
  })
}

export function badRequest(message: string): StatusObject {
  return failure(400, 'BadRequest', message)
}

export const UNAUTHORIZED = failure(401, 'Unauthorized', 'Unauthorized')

export const PATH_NOT_FOUND = failure(404, 'NotFound', 'the server could not find the requested resource', {})

export const METHOD_NOT_ALLOWED = failure(
  405,
  'MethodNotAllowed',
  'the server does not allow this method on the requested resource',
  {}
)

export function success(
  resource: string,
  group: string,
  name: string,
  uid?: string
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...details(resource, group, name), ...(uid ? { uid } : {}) }
  }
}

/** DNS-1123 subdomain, what most object names must be. */
export function nameProblem(name: string): string | undefined {
  if (!name) return 'name or generateName is required'
  if (name.length > 253) return 'must be no more than 253 characters'
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
  }
  return undefined
}
