// The two oc inputs, checked without touching the network so that a typo fails the step before
// anything is downloaded. The action's inputs.ts calls these.
import { UserError } from '../util/errors.js'

export type OcVersionRequest =
  | { kind: 'default' }
  | { kind: 'none' }
  | { kind: 'channel'; channel: string }
  | { kind: 'exact'; version: string }

/** What the installer is asked for: every request but 'none', which the caller settles without loading it. */
export type OcInstallRequest = Exclude<OcVersionRequest, { kind: 'none' }>

export const DEFAULT_OC_MIRROR = 'https://mirror.openshift.com/pub/openshift-v4/clients/ocp'

/** An exact OpenShift release: 4.16.3, or a pre-release such as 4.17.0-rc.3 or 4.18.0-ec.2. */
export const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?$/

// The channel directories the client mirror keeps, bare or per minor (stable, stable-4.16, ...).
const CHANNEL = /^(?:stable|fast|candidate|latest)(?:-\d+\.\d+)?$|^eus-\d+\.\d+$/
const MINOR = /^\d+\.\d+$/

const ACCEPTED =
  'use an exact version such as 4.16.3, a minor such as 4.16 (its stable channel), a channel such as ' +
  'stable, latest, fast, candidate or stable-4.16, "none" to skip installing oc, or leave it empty to ' +
  'reuse an oc already on PATH (else install the stable one)'

/** Pure validator used by inputs.ts: throws an Error whose message names the input `oc-version` and the accepted forms. */
export function parseOcVersion(input: string): OcVersionRequest {
  const value = input.trim()
  if (value === '') return { kind: 'default' }
  const lower = value.toLowerCase()
  if (lower === 'none') return { kind: 'none' }
  if (CHANNEL.test(lower)) return { kind: 'channel', channel: lower }
  if (MINOR.test(value)) return { kind: 'channel', channel: `stable-${value}` }
  // A leading v is what people copy from `oc version` of old clients and from Git tags.
  const exact = value.replace(/^v(?=\d)/, '')
  if (EXACT_VERSION.test(exact)) return { kind: 'exact', version: exact }
  throw new UserError(`Input 'oc-version': "${value}" is not understood: ${ACCEPTED}.`)
}

/** Pure validator for `oc-mirror`: an http(s) URL without trailing slash issues; throws naming the input. */
export function parseOcMirror(input: string): string {
  const value = input.trim()
  if (value === '') return DEFAULT_OC_MIRROR
  const hint =
    `give the http(s) URL of the directory that holds the version and channel directories, ` +
    `such as ${DEFAULT_OC_MIRROR}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UserError(`Input 'oc-mirror': "${value}" is not a URL: ${hint}.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`Input 'oc-mirror': must be an http or https URL, not ${url.protocol} ${hint}.`)
  }
  // Credentials would end up in logged URLs and error messages.
  if (url.username || url.password) {
    throw new UserError("Input 'oc-mirror': must not carry a user name or password in the URL.")
  }
  if (url.search || url.hash) {
    throw new UserError(`Input 'oc-mirror': must not have a query or fragment: ${hint}.`)
  }
  // File URLs are built as `${mirror}/${dir}/${file}`, so any trailing slashes go.
  return url.href.replace(/\/+$/, '')
}
