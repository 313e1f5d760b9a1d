// What an account may do, read from the rules a SelfSubjectRulesReview lists for it in a namespace, matched as the
// Kubernetes RBAC authorizer matches a request against a PolicyRule. Pure: no I/O.
/** What is asked: the resource attributes of an access review. */
export interface ResourceAttributes {
  namespace: string
  verb: string
  group: string
  resource: string
  subresource?: string
  name?: string
}

/** One entry of a SelfSubjectRulesReview's `status.resourceRules`. */
export interface ResourceRule {
  verbs: string[]
  apiGroups?: string[]
  resources?: string[]
  resourceNames?: string[]
}

/** The resource as a rule names it: `imagestreams/layers` for a subresource, and a star before the slash for any resource's. */
function resourceMatches(ruleResource: string, attributes: ResourceAttributes): boolean {
  const { resource, subresource } = attributes
  const wanted = subresource ? `${resource}/${subresource}` : resource
  if (ruleResource === '*' || ruleResource === wanted) return true
  return Boolean(subresource) && ruleResource === `*/${subresource}`
}

export function ruleAllows(rule: ResourceRule, attributes: ResourceAttributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(attributes.verb)) return false
  const groups = rule.apiGroups ?? []
  if (!groups.includes('*') && !groups.includes(attributes.group)) return false
  if (!(rule.resources ?? []).some(r => resourceMatches(r, attributes))) return false
  // A rule limited to names never allows a request without one (a create, a list).
  const names = rule.resourceNames ?? []
  return names.length === 0 || (Boolean(attributes.name) && names.includes(attributes.name!))
}

export function rulesAllow(rules: readonly ResourceRule[], attributes: ResourceAttributes): boolean {
  return rules.some(rule => ruleAllows(rule, attributes))
}
