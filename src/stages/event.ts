// The workflow event, as far as the token is concerned: GitHub gives no secrets to a `pull_request` workflow
// from a fork, nor to one Dependabot started, so an empty `token` there is expected and the step is skipped.
// Everywhere else (push, release, pull_request_target, which does get secrets, ...) an empty token is a mistake.
import { readFileSync } from 'node:fs'

export interface WorkflowEvent {
  /** GITHUB_EVENT_NAME */
  name: string
  /** GITHUB_ACTOR */
  actor: string
  /** The event's JSON payload (GITHUB_EVENT_PATH), when it could be read. */
  payload?: unknown
}

/** The event of this run, from the runner's variables. */
export function currentEvent(env: NodeJS.ProcessEnv = process.env): WorkflowEvent {
  let payload: unknown
  try {
    payload = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : undefined
  } catch {
    // Unreadable: the event is not known to be a fork's, and an empty token stays an error.
    payload = undefined
  }
  return { name: env.GITHUB_EVENT_NAME ?? '', actor: env.GITHUB_ACTOR ?? '', payload }
}

interface PullRequestPayload {
  pull_request?: {
    head?: { repo?: { full_name?: string } | null }
    base?: { repo?: { full_name?: string } | null }
  }
}

/**
 * Why this event runs without secrets, which makes an empty token expected (the step is then skipped), or
 * undefined when secrets are given here and an empty token is an error.
 */
export function withoutSecrets(event: WorkflowEvent): string | undefined {
  if (event.name !== 'pull_request') return undefined
  if (event.actor === 'dependabot[bot]') {
    return "the pull request is Dependabot's, and GitHub gives workflows that Dependabot starts no Actions secrets"
  }
  const pr = (event.payload as PullRequestPayload | undefined)?.pull_request
  const base = pr?.base?.repo?.full_name
  if (!base) return undefined
  // A fork deleted since the pull request was opened has no head repository at all: still a fork's.
  const head = pr?.head?.repo?.full_name
  if (head === base) return undefined
  return `the pull request comes from the fork ${head ?? '(deleted)'}, and GitHub gives workflows of pull requests from forks no secrets`
}
