// Server-side printing: kubectl and oc ask for `as=Table` and print the cells as given.

export interface Column {
  name: string
  type?: string
  format?: string
  description?: string
  cell: (obj: Record<string, unknown>) => unknown
}

interface Meta {
  name?: string
  creationTimestamp?: string
}

export function age(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>'
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000))
  if (s < 120) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 180) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h`
  return `${Math.floor(h / 24)}d`
}

export const NAME_AGE: Column[] = [
  { name: 'Name', format: 'name', cell: o => (o.metadata as Meta).name },
  { name: 'Age', cell: o => age((o.metadata as Meta).creationTimestamp) }
]

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept)
}

export function toTable(
  objects: Record<string, unknown>[],
  columns: Column[],
  resourceVersion: string
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(c => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c.format ?? '',
      description: c.description ?? c.name,
      priority: 0
    })),
    rows: objects.map(o => ({
      cells: columns.map(c => c.cell(o) ?? ''),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }
    }))
  }
}
