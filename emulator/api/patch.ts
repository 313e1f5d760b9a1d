// PATCH as the API server takes it from kubectl and oc: JSON merge patch (RFC 7386), strategic
// merge patch, and JSON patch (RFC 6902). Server-side apply is not served (415).
//
// Strategic merge is simplified: the lists of a pod template that carry a merge key in the
// Kubernetes API (containers and initContainers by name, env by name, ports by containerPort,
// volumes by name, volumeMounts by mountPath: what `kubectl set image` and `oc set env` patch)
// merge item by item, `$patch: delete` on an item removing it; every other list is replaced
// whole, as strategic merge does for lists without one. Maps merge, null deletes, the directives
// `$patch: replace|delete` on a map are honoured while `$retainKeys` and `$setElementOrder/...`
// (ordering hints) are dropped.
import { failure, type StatusObject } from './status.js'

type Json = unknown
type JsonObject = Record<string, Json>

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json'
]

function isObject(v: Json): v is JsonObject {
  return !!v && typeof v === 'object' && !Array.isArray(v)
}

/** The merge keys of the lists strategic merge merges item by item (the API's patchMergeKey tags). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  ports: 'containerPort',
  volumes: 'name',
  volumeMounts: 'mountPath'
}

function mergeList(target: Json[], patch: Json[], key: string): Json[] {
  const out = [...target]
  for (const item of patch) {
    if (!isObject(item)) {
      out.push(item)
      continue
    }
    const i = out.findIndex(o => isObject(o) && o[key] === item[key])
    if (item.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1)
    } else if (i >= 0) out[i] = mergePatch(out[i], item, true)
    else out.push(mergePatch({}, item, true))
  }
  return out
}

function mergePatch(target: Json, patch: Json, strategic: boolean): Json {
  if (!isObject(patch)) return patch
  if (strategic && patch.$patch === 'replace') return mergePatch({}, { ...patch, $patch: undefined }, true)
  const out: JsonObject = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (strategic && key.startsWith('$')) continue
    if (value === null) delete out[key]
    else if (strategic && isObject(value) && value.$patch === 'delete') delete out[key]
    else if (strategic && Array.isArray(value) && MERGE_KEYS[key] && Array.isArray(out[key]))
      out[key] = mergeList(out[key] as Json[], value, MERGE_KEYS[key])
    else if (value !== undefined) out[key] = mergePatch(out[key], value, strategic)
  }
  return out
}

class PatchError extends Error {}

/** `/a/b~1c/0` -> ['a', 'b/c', '0'] */
function pointer(path: unknown): string[] {
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/')))
    throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`)
  return path
    .split('/')
    .slice(1)
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function parentOf(doc: Json, path: string[]): { parent: JsonObject | Json[]; key: string } {
  let node = doc
  for (const part of path.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(part)] : isObject(node) ? node[part] : undefined
    if (node === undefined || node === null || typeof node !== 'object')
      throw new PatchError(`path /${path.join('/')} does not exist`)
  }
  return { parent: node as JsonObject | Json[], key: path[path.length - 1] }
}

function read(doc: Json, path: string[]): Json {
  if (path.length === 0) return doc
  const { parent, key } = parentOf(doc, path)
  const v = Array.isArray(parent) ? parent[Number(key)] : parent[key]
  if (v === undefined) throw new PatchError(`path /${path.join('/')} does not exist`)
  return v
}

function remove(doc: Json, path: string[]): Json {
  const value = read(doc, path)
  const { parent, key } = parentOf(doc, path)
  if (Array.isArray(parent)) parent.splice(Number(key), 1)
  else delete parent[key]
  return value
}

function add(doc: Json, path: string[], value: Json, replace: boolean): Json {
  if (path.length === 0) return value
  const { parent, key } = parentOf(doc, path)
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key)
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length))
      throw new PatchError(`index ${key} out of range`)
    parent.splice(i, replace ? 1 : 0, value)
  } else {
    if (replace && !(key in parent)) throw new PatchError(`path /${path.join('/')} does not exist`)
    parent[key] = value
  }
  return doc
}

function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch is a list of operations')
  let doc = structuredClone(target)
  for (const op of ops as JsonObject[]) {
    const path = pointer(op.path)
    switch (op.op) {
      case 'add':
        doc = add(doc, path, structuredClone(op.value), false)
        break
      case 'replace':
        doc = add(doc, path, structuredClone(op.value), true)
        break
      case 'remove':
        remove(doc, path)
        break
      case 'move':
        doc = add(doc, path, remove(doc, pointer(op.from)), false)
        break
      case 'copy':
        doc = add(doc, path, structuredClone(read(doc, pointer(op.from))), false)
        break
      case 'test':
        if (JSON.stringify(read(doc, path)) !== JSON.stringify(op.value))
          throw new PatchError(`testing value /${path.join('/')} failed`)
        break
      default:
        throw new PatchError(`unexpected op ${JSON.stringify(op.op)}`)
    }
  }
  return doc
}

/**
 * Applies `body` (the raw request text) of `contentType` to `current`; the result, or the Status
 * to answer: 415 for a type the server does not take, 422 for a patch that does not apply.
 */
export function applyPatch(
  contentType: string,
  current: JsonObject,
  body: string
): { result: JsonObject } | { error: StatusObject } {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (!PATCH_TYPES.includes(type)) {
    return {
      error: failure(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`
      )
    }
  }
  let patch: Json
  try {
    patch = JSON.parse(body || 'null')
  } catch (e) {
    return { error: failure(400, 'BadRequest', `error decoding patch: ${(e as Error).message}`) }
  }
  try {
    const result =
      type === 'application/json-patch+json'
        ? jsonPatch(current, patch)
        : mergePatch(current, patch, type === 'application/strategic-merge-patch+json')
    if (!isObject(result)) throw new PatchError('the patched object is not an object')
    return { result }
  } catch (e) {
    if (!(e instanceof PatchError)) throw e
    return {
      error: failure(
        422,
        'Invalid',
        `the server rejected our request due to an error in our request: ${e.message}`
      )
    }
  }
}
