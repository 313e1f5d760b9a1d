// Label selectors of list requests (`?labelSelector=app=x,tier!=db,env in (a,b),!old`), as
// `kubectl get -l` and clients that find their own objects send them.
import { badRequest, type StatusObject } from './status.js'

type Requirement = (labels: Record<string, string>) => boolean

const KEY = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?'
const VALUE = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?'

/** Splits at commas outside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  for (const ch of selector) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      out.push(current.trim())
      current = ''
    } else current += ch
  }
  if (current.trim()) out.push(current.trim())
  return out
}

function requirement(term: string): Requirement | undefined {
  let m = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`).exec(term)
  if (m) {
    const [key, op, value] = [m[1], m[3], m[4]]
    return op === '!=' ? l => l[key] !== value : l => l[key] === value
  }
  m = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`).exec(term)
  if (m) {
    const [key, op] = [m[1], m[3]]
    const values = m[4].split(',').map(v => v.trim())
    return op === 'in' ? l => values.includes(l[key]) : l => !values.includes(l[key])
  }
  m = new RegExp(`^(!?)(${KEY})$`).exec(term)
  if (m) {
    const [not, key] = [m[1], m[2]]
    return not ? l => !(key in l) : l => key in l
  }
  return undefined
}

/** A predicate on labels, or the 400 the API server answers for a selector it cannot parse. */
export function labelSelector(
  selector: string | null
): { matches: (labels: Record<string, string> | undefined) => boolean } | { error: StatusObject } {
  const reqs: Requirement[] = []
  for (const term of terms(selector ?? '')) {
    const r = requirement(term)
    if (!r) return { error: badRequest(`unable to parse requirement: found '${term}', expected: identifier`) }
    reqs.push(r)
  }
  return { matches: labels => reqs.every(r => r(labels ?? {})) }
}
