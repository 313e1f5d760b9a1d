// The only reader of the action's inputs. Everything is validated here, before any network call,
// and handed down as one typed value.
import { X509Certificate } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'

import type { Credentials } from '../engines/containers.js'
import { ENGINE_CHOICES, type EngineChoice } from '../engines/engine.js'
import { parseSource, type RemoteImage, remoteOf } from '../image/source.js'
import { type OcVersionRequest, parseOcMirror, parseOcVersion } from '../oc/inputs.js'
import { type AccessRequest, VISIBILITIES } from '../openshift/access.js'
import type { PruneRequest } from '../openshift/prune.js'
import { parseWorkloads } from '../openshift/workloads.js'
import {
  checkTagReferences,
  parseTags,
  printable,
  type RequestedTag,
  validateImageName,
  validateProject,
  validateRegistryHost
} from '../registry/reference.js'
import { readSignInputs, type SignRequest } from '../signing/inputs.js'
import * as core from '../util/actions.js'
import { UserError } from '../util/errors.js'
import type { TlsTrust } from '../util/http.js'
import { currentEvent, withoutSecrets, type WorkflowEvent } from './event.js'
import type { RolloutRequest } from './rollout.js'

export const DEFAULT_SERVER = 'https://api.2.rahti.csc.fi:6443'
export const DEFAULT_REGISTRY = 'image-registry.apps.2.rahti.csc.fi'

export interface Inputs {
  token: string
  project?: string
  image: string
  tags: RequestedTag[]
  source: string
  /** The API server: scheme, host and port only (a path is refused where the input is read). */
  server: URL
  registry?: string
  createImageStream: boolean
  trust: TlsTrust
  engine: EngineChoice
  /** For a remote source's registry; the password is masked. */
  sourceCredentials?: Credentials
  /** The platform the image must have a manifest for (`linux/amd64`), or `any`. */
  platform: string
  logout: boolean
  /** Seconds the exchanged token lives; 0 keeps the given token. */
  tokenDuration: number
  ocVersion: OcVersionRequest
  ocMirror: string
  /** Who may pull the image, and its lookup policy: each part undefined leaves it as it is. */
  access: AccessRequest
  /** Old tags to delete after the push, or undefined to delete none. */
  prune?: PruneRequest
  /** How to sign the pushed digest after the push; undefined: not at all. The key is masked. */
  sign?: SignRequest
  /** Check everything, change nothing: the run reports what it would do. */
  dryRun: boolean
  /** How often each retried request, and the push, is tried (1: no second try). */
  retries: number
  /** The whole step's time limit, as given and in seconds; undefined: none. */
  timeout?: { given: string; seconds: number }
  /** The workloads to roll out to the pushed image after the push, or undefined for none. */
  rollout?: RolloutRequest
  /**
   * Why the step does nothing: the token is empty on an event that GitHub gives no secrets (a pull request from
   * a fork or from Dependabot). Every other input is still validated; `token` is then empty.
   */
  skip?: string
}

export const DEFAULT_KEEP = 10

/** Reads a named input as the runner passes it, trimmed. */
export type InputReader = (name: string) => string

export function getInputs(
  read: InputReader = name => core.getInput(name),
  event: WorkflowEvent = currentEvent()
): Inputs {
  // Mask the token before anything can print it, even an error about it.
  const token = read('token')
  if (token) core.setSecret(token)
  const sign = readSignInputs(read)
  const requireToken = parseBoolean(read('require-token'), 'require-token', false)
  // No token where GitHub gives no secrets is expected: the step is skipped, once the other inputs are checked.
  const noSecrets = token ? undefined : withoutSecrets(event)
  if (noSecrets && requireToken) {
    throw new UserError(
      `Input 'token': empty while 'require-token' is true: ${noSecrets}. Set 'require-token: false' to skip the step on such pull requests, or push from push or release events.`
    )
  }
  const skip = noSecrets
  if (!skip) validateToken(token)

  const image = validateImageName(read('image'))
  const tags = parseTags(read('tags'), image)
  const project = read('project') ? validateProject(read('project')) : undefined
  const source = read('source') || `${image}:${tags[0].tag}`
  const sourceCredentials = readSourceCredentials(read, source, remoteOf(parseSource(source)))
  const registry = read('registry') ? validateRegistryHost(read('registry')) : undefined
  checkTagReferences(tags, registry, project, image)

  const trust: TlsTrust = {
    caPem: read('certificate-authority')
      ? readCertificateAuthority(read('certificate-authority'))
      : undefined,
    insecureSkipTlsVerify: parseBoolean(read('insecure-skip-tls-verify'), 'insecure-skip-tls-verify', false)
  }
  const tokenDuration = parseTokenDuration(read('token-duration'))
  const rollout = parseRollout(read('rollout'), read('rollout-timeout'), read('rollback-on-failure'))
  checkRolloutFitsToken(rollout, tokenDuration)
  return {
    token,
    project,
    image,
    tags,
    source,
    server: parseServer(read('server') || DEFAULT_SERVER, trust),
    registry,
    createImageStream: parseBoolean(read('create-imagestream'), 'create-imagestream', true),
    trust,
    engine: parseChoice(read('engine') || 'auto', 'engine', ENGINE_CHOICES),
    sourceCredentials,
    platform: parsePlatform(read('platform')),
    logout: parseBoolean(read('logout'), 'logout', true),
    tokenDuration,
    ocVersion: parseOcVersion(read('oc-version')),
    ocMirror: parseOcMirror(read('oc-mirror')),
    access: {
      visibility: read('visibility')
        ? parseChoice(read('visibility'), 'visibility', VISIBILITIES)
        : undefined,
      pullProjects: parsePullProjects(read('pull-projects')),
      localLookup: read('local-lookup')
        ? parseBoolean(read('local-lookup'), 'local-lookup', false)
        : undefined
    },
    prune: parsePrune(read('prune'), read('keep')),
    sign,
    dryRun: parseBoolean(read('dry-run'), 'dry-run', false),
    retries: parseRetries(read('retries')),
    timeout: parseTimeout(read('timeout')),
    rollout,
    skip
  }
}

/** Projects separated by white space or commas; `none` alone is the empty list; empty is undefined. */
export function parsePullProjects(value: string): string[] | undefined {
  const items = value.split(/[\s,]+/).filter(s => s.length > 0)
  if (items.length === 0) return undefined
  if (items.some(i => i.toLowerCase() === 'none')) {
    if (items.length > 1) {
      throw new UserError(
        "Input 'pull-projects': 'none' removes every project's access and cannot be listed with projects. Give either 'none' or the projects."
      )
    }
    return []
  }
  for (const item of items) {
    if (item.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(item)) {
      throw new UserError(
        `Input 'pull-projects': '${printable(item)}' is not a Rahti project (namespace) name. List project names such as 'my-other-project', separated by spaces, commas or new lines, or 'none'.`
      )
    }
  }
  return [...new Set(items)].sort()
}

/** A tag glob (`*` and `?` over the characters of a tag) and how many matching tags to keep. */
export function parsePrune(pattern: string, keep: string): PruneRequest | undefined {
  const count = keep === '' ? DEFAULT_KEEP : Number(keep)
  if (!/^\d+$/.test(keep || '0') || !Number.isSafeInteger(count)) {
    throw new UserError(
      `Input 'keep': '${printable(keep)}' is not a whole number. Give how many of the newest matching tags to keep, e.g. '10'.`
    )
  }
  if (pattern === '') return undefined
  if (pattern.length > 128 || !/^[A-Za-z0-9_.*?-]+$/.test(pattern)) {
    throw new UserError(
      `Input 'prune': '${printable(pattern)}' is not a tag pattern. Use the characters of a tag with '*' (any run) and '?' (one character), e.g. 'sha-*'.`
    )
  }
  return { pattern, keep: count }
}

export const DEFAULT_RETRIES = 4
const MAX_RETRIES = 10

export function parseRetries(value: string): number {
  if (value === '') return DEFAULT_RETRIES
  const tries = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(tries >= 1 && tries <= MAX_RETRIES)) {
    throw new UserError(
      `Input 'retries': '${printable(value)}' is not a whole number from 1 to ${MAX_RETRIES}. Give how many times each request and the push may be tried, e.g. '4' (the default); '1' tries once.`
    )
  }
  return tries
}

/** A day: longer than any hosted job may run, and a limit beyond it is a typo. */
const MAX_TIMEOUT_SECONDS = 24 * 3600

/** The step's time limit: `10m`, `1h30m`, `90s`, `600`; empty, `0` or `none` for none. */
export function parseTimeout(value: string): { given: string; seconds: number } | undefined {
  if (value === '' || /^(0|none|off)$/i.test(value)) return undefined
  const seconds = parseDuration(value)
  if (seconds === undefined || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UserError(
      `Input 'timeout': '${printable(value)}' is not a duration from 1s to 24h. Use e.g. '10m' or '1h30m', or leave it empty for no limit.`
    )
  }
  return { given: value, seconds }
}

function validateToken(token: string): void {
  if (!token) {
    throw new UserError(
      "Input 'token': required. Give a Rahti service-account token, e.g. `token: ${{ secrets.RAHTI_TOKEN }}` (make one with `oc create token SA --duration=8760h`)."
    )
  }
  // Tokens are base64url text with `~`, `.`, `-`, `_`. Anything else (a space, a newline, a quote) means the
  // secret was pasted with extra text, and sending it would only earn a confusing 401.
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token) || token.length < 16) {
    throw new UserError(
      "Input 'token': does not look like a token; it holds spaces, line breaks or other characters a token never has, or is too short. Store only the token's text in the secret."
    )
  }
}

/** The source registry's credentials: both or neither, and only for a source on a registry. */
function readSourceCredentials(
  read: InputReader,
  source: string,
  remote: RemoteImage | undefined
): Credentials | undefined {
  const password = read('source-password')
  if (password) core.setSecret(password)
  const username = read('source-username')
  if (!username && !password) return undefined
  if (!username || !password) {
    const missing = username ? 'source-password' : 'source-username'
    throw new UserError(
      `Input '${missing}': required with '${username ? 'source-username' : 'source-password'}'. Give both, the source registry's user and its password or token.`
    )
  }
  if (!remote) {
    throw new UserError(
      `Input 'source-username': '${printable(source)}' is not an image on a registry, so there is nothing to log in to. Remove 'source-username' and 'source-password', or give a remote source such as 'docker://docker.io/library/alpine:3'.`
    )
  }
  return { host: remote.host, username, password }
}

/** `linux/amd64` (the default: Rahti's nodes), another `os/arch[/variant]`, or `any` for no check. */
export function parsePlatform(value: string): string {
  const platform = value.toLowerCase() || 'linux/amd64'
  if (platform === 'any' || /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform)) return platform
  throw new UserError(
    `Input 'platform': '${printable(value)}' is not a platform. Give one as os/architecture, e.g. 'linux/amd64' (what Rahti runs), or 'any' to push whatever the image is for.`
  )
}

/**
 * The API server's URL, normalised once: scheme, host and port. A path is refused rather than half kept (the
 * API client would drop it and a kubeconfig keep it), and plain http is refused unless TLS checks are off,
 * since the long-lived token would cross the network as clear text.
 */
export function parseServer(value: string, trust: TlsTrust): URL {
  let url: URL | undefined
  try {
    url = /^https?:\/\//i.test(value) ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  if (!url || url.search || url.hash || url.username || url.password) {
    throw new UserError(
      `Input 'server': '${printable(value)}' is not an API server URL. Give one with its scheme, e.g. '${DEFAULT_SERVER}'.`
    )
  }
  if (url.pathname.replace(/\/+$/, '') !== '') {
    throw new UserError(
      `Input 'server': '${printable(value)}' has a path (${printable(url.pathname)}). Give the API server's URL with no path, e.g. '${DEFAULT_SERVER}'.`
    )
  }
  if (url.protocol === 'http:' && !trust.insecureSkipTlsVerify) {
    throw new UserError(
      `Input 'server': '${printable(value)}' is plain http, which would send the token as clear text. Use https://, or set 'insecure-skip-tls-verify: true' for a test cluster without TLS.`
    )
  }
  return new URL(url.origin)
}

export function parseChoice<T extends string>(value: string, name: string, choices: readonly T[]): T {
  const lower = value.toLowerCase() as T
  if (choices.includes(lower)) return lower
  throw new UserError(`Input '${name}': '${printable(value)}' is not one of ${choices.join(', ')}.`)
}

/**
 * A boolean as the YAML 1.2 core schema writes one, as @actions/core's getBooleanInput reads it: true, True, TRUE,
 * false, False, FALSE. Not yes/no/on/off/1/0 (YAML 1.1's), which the toolkit and other actions refuse too.
 */
export function parseBoolean(value: string, name: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(
    `Input '${name}': '${printable(value)}' is not a boolean. Use 'true' or 'false' (YAML 1.2: also True, TRUE, False, FALSE).`
  )
}

/** The TokenRequest API takes 10 minutes at the least; a day is plenty for any job. */
const MIN_TOKEN_SECONDS = 600
const MAX_TOKEN_SECONDS = 24 * 3600
export const DEFAULT_TOKEN_SECONDS = 3600

/** Parses `90m`, `1h30m`, `3600s`, `3600`, or `0`/`none` to keep the given token. */
export function parseTokenDuration(value: string): number {
  if (value === '') return DEFAULT_TOKEN_SECONDS
  if (/^(0|none|off|false)$/i.test(value)) return 0
  const seconds = parseDuration(value)
  if (seconds === undefined || seconds < MIN_TOKEN_SECONDS || seconds > MAX_TOKEN_SECONDS) {
    throw new UserError(
      `Input 'token-duration': '${printable(value)}' is not a duration from 10m to 24h. Use e.g. '1h' or '30m', or '0' to use the given token as it is.`
    )
  }
  return seconds
}

const DEFAULT_ROLLOUT_TIMEOUT = '5m'

/** The workloads to roll out, how long to wait for them, and whether a failed one goes back. */
export function parseRollout(
  workloads: string,
  timeout: string,
  rollback: string
): RolloutRequest | undefined {
  const refs = parseWorkloads(workloads)
  const given = timeout || DEFAULT_ROLLOUT_TIMEOUT
  const seconds = parseDuration(given)
  if (seconds === undefined || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UserError(
      `Input 'rollout-timeout': '${printable(given)}' is not a duration from 1s to 24h. Use e.g. '5m' or '90s'.`
    )
  }
  const back = parseBoolean(rollback, 'rollback-on-failure', false)
  if (refs.length === 0) return undefined
  return { workloads: refs, timeout: { given, seconds }, rollback: back }
}

/** The rollout is waited for with the exchanged token, which must outlive the wait (and a rollback's). */
function checkRolloutFitsToken(rollout: RolloutRequest | undefined, tokenDuration: number): void {
  if (!rollout || tokenDuration === 0) return
  const waits = rollout.timeout.seconds * (rollout.rollback ? 2 : 1)
  if (waits < tokenDuration) return
  throw new UserError(
    `Input 'rollout-timeout': ${rollout.timeout.given}${rollout.rollback ? ', twice with rollback-on-failure,' : ''} is as long as the short-lived token lives ('token-duration'), which the rollout is waited for with. Raise 'token-duration' or lower 'rollout-timeout'.`
  )
}

export function parseDuration(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value)
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value)
  if (!match || value === '') return undefined
  const [, h, m, s] = match
  return Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0)
}

/** Accepts PEM text or a path to a PEM file, as redhat-actions/oc-login does. */
export function readCertificateAuthority(value: string): string {
  let pem = value
  if (!value.includes('-----BEGIN')) {
    const kind = statSync(value, { throwIfNoEntry: false })
    if (!kind) {
      throw new UserError(
        `Input 'certificate-authority': '${printable(value)}' is neither PEM text nor a file that exists. Give the CA certificate's PEM text, or the path of a file that holds it.`
      )
    }
    if (kind.isDirectory()) {
      throw new UserError(
        `Input 'certificate-authority': '${printable(value)}' is a directory. Give the path of the CA certificate file itself (e.g. ${printable(value.replace(/\/+$/, ''))}/ca.crt), or its PEM text.`
      )
    }
    pem = readFileSync(value, 'utf8')
  }
  if (/\\n/.test(pem) && !pem.includes('\n-----END')) {
    throw new UserError(
      "Input 'certificate-authority': the PEM text holds literal \\n sequences instead of line breaks. Store the certificate with real line breaks (e.g. a multi-line secret, or `gh secret set NAME < ca.crt`)."
    )
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)
  if (!blocks) {
    throw new UserError(
      "Input 'certificate-authority': holds no PEM certificate (-----BEGIN CERTIFICATE-----). Give the cluster CA's certificate in PEM form."
    )
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block)
    } catch {
      throw new UserError(
        "Input 'certificate-authority': a certificate in it is damaged (its base64 body does not parse). Copy the CA certificate again, whole, with its line breaks."
      )
    }
  }
  return pem
}
