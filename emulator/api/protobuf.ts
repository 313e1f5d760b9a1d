// The Kubernetes protobuf encoding, read-only and just for the objects kubectl sends that way:
// `kubectl create rolebinding` (and other typed clients) POST `application/vnd.kubernetes.protobuf`.
// A body is the magic `k8s\0` and a runtime.Unknown holding the TypeMeta and the object's bytes;
// the object is decoded by a field-number schema written from the published .proto numbering.

export const PROTOBUF = 'application/vnd.kubernetes.protobuf'

type FieldType = 'string' | 'strings' | 'map' | Schema | [Schema]
interface Schema {
  [field: number]: [string, FieldType]
}

const OBJECT_META: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  11: ['labels', 'map'],
  12: ['annotations', 'map']
}

const POLICY_RULE: Schema = {
  1: ['verbs', 'strings'],
  2: ['apiGroups', 'strings'],
  3: ['resources', 'strings'],
  4: ['resourceNames', 'strings'],
  5: ['nonResourceURLs', 'strings']
}

const SUBJECT: Schema = {
  1: ['kind', 'string'],
  2: ['apiGroup', 'string'],
  3: ['name', 'string'],
  4: ['namespace', 'string']
}

const ROLE_REF: Schema = { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] }

const KINDS: Record<string, Schema> = {
  Role: { 1: ['metadata', OBJECT_META], 2: ['rules', [POLICY_RULE]] },
  RoleBinding: { 1: ['metadata', OBJECT_META], 2: ['subjects', [SUBJECT]], 3: ['roleRef', ROLE_REF] }
}

const TYPE_META: Schema = { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] }
const UNKNOWN: Schema = { 1: ['typeMeta', TYPE_META], 2: ['raw', 'string'] }

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}

  varint(): number {
    let result = 0
    let shift = 0
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint')
      const b = this.buf[this.pos++]
      result += (b & 0x7f) * 2 ** shift
      if (b < 0x80) return result
      shift += 7
    }
  }

  bytes(): Buffer {
    const n = this.varint()
    if (this.pos + n > this.buf.length) throw new Error('truncated field')
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  skip(wire: number): void {
    if (wire === 0) this.varint()
    else if (wire === 1) this.pos += 8
    else if (wire === 2) this.bytes()
    else if (wire === 5) this.pos += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
}

/** Decodes a message by `schema`; fields it does not name are skipped. Raw bytes come back as latin1 text. */
function decode(buf: Buffer, schema: Schema, raw = false): Record<string, unknown> {
  const r = new Reader(buf)
  const out: Record<string, unknown> = {}
  while (r.pos < buf.length) {
    const key = r.varint()
    const [field, wire] = [Math.floor(key / 8), key % 8]
    const spec = schema[field]
    if (!spec || wire !== 2) {
      r.skip(wire)
      continue
    }
    const [name, type] = spec
    const bytes = r.bytes()
    if (type === 'string')
      out[name] = raw && name === 'raw' ? bytes.toString('latin1') : bytes.toString('utf8')
    else if (type === 'strings') ((out[name] ??= []) as string[]).push(bytes.toString('utf8'))
    else if (type === 'map') {
      const entry = decode(bytes, { 1: ['key', 'string'], 2: ['value', 'string'] })
      ;((out[name] ??= {}) as Record<string, unknown>)[String(entry.key ?? '')] = entry.value ?? ''
    } else if (Array.isArray(type)) ((out[name] ??= []) as unknown[]).push(decode(bytes, type[0]))
    else out[name] = decode(bytes, type)
  }
  return out
}

/** The object a protobuf body carries, as its JSON form; throws when it is not one the emulator reads. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0')
    throw new Error('not a Kubernetes protobuf envelope')
  const unknown = decode(body.subarray(4), UNKNOWN, true)
  const typeMeta = (unknown.typeMeta ?? {}) as { apiVersion?: string; kind?: string }
  const schema = KINDS[typeMeta.kind ?? '']
  if (!schema) throw new Error(`the emulator reads no ${typeMeta.kind ?? 'untyped'} object in protobuf`)
  const obj = decode(Buffer.from(String(unknown.raw ?? ''), 'latin1'), schema)
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...obj }
}
