// How a failed push of any engine reads: which failures are worth another try, and what to tell the user.
// The tools share their wording (Docker's and the containers/image library's messages), so one reading serves all.
import { lastLine, UserError } from '../util/errors.js'
import { ExecError } from '../util/exec.js'

/** Output of a failed push that another try may cure: the registry was briefly unwell or the link dropped. */
const TRANSIENT_PUSH =
  /\b(502|503|504|429)\b|Bad Gateway|Service Unavailable|Gateway Time-?out|Too Many Requests|toomanyrequests|\bunavailable:|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|connection refused/i

/**
 * A tool's last word, without the framing of its log: the containers tools (skopeo, podman, buildah) end with a
 * logrus line, `time="..." level=fatal msg="Error ...: cause"`, which is the tool's log and not a sentence for a
 * user. The message inside it is kept, unquoted.
 */
export function toolMessage(text: string, fallback = 'no output'): string {
  const line = lastLine(text, fallback)
  const logrus = /\blevel=\w+\s+msg="((?:[^"\\]|\\.)*)"/.exec(line)
  const message = logrus ? logrus[1].replace(/\\(.)/g, '$1') : line.replace(/^time="[^"]*"\s*/, '')
  return message.replace(/\.$/, '')
}

/** The root cause of a tool's message: its last `: `-separated clause (`read /x: is a directory` -> `is a directory`). */
export function toolCause(text: string): string {
  const message = toolMessage(text)
  const parts = message.split(': ')
  return parts[parts.length - 1] || message
}

/**
 * A push the engine reported as failed in its own API's words (Docker's push stream ends in an `errorDetail`):
 * read as a failed tool's output is.
 */
export class PushStreamError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PushStreamError'
  }
}

/** The local name to push was gone when the push started: another job on the engine removed it meanwhile. */
const NAME_GONE = /does not exist locally with the tag|tag does not exist|No such image/i

export function isTransientPushFailure(err: unknown): boolean {
  return (err instanceof ExecError || err instanceof PushStreamError) && TRANSIENT_PUSH.test(err.message)
}

/** Whether the push failed only because its local name was removed between the tag and the push. */
export function isNameGone(err: unknown): boolean {
  return (err instanceof ExecError || err instanceof PushStreamError) && NAME_GONE.test(err.message)
}

/** A failed push as the user should read it: a refusal names the likely limit; anything else the tool's last word. */
export function explainPushFailure(tool: string, target: string, err: unknown): Error {
  if (!(err instanceof ExecError) && !(err instanceof PushStreamError)) return err as Error
  const detail = toolMessage(err instanceof ExecError ? err.result.stderr || err.result.stdout : err.message)
  if (tool === 'docker' && /x509:|failed to verify certificate/i.test(detail)) {
    // On the containerd image store Docker fetches the registry's token trusting only the system's CAs, which it
    // reads once; certs.d, which the classic store reads, does not count there.
    return new UserError(
      `Docker does not trust the TLS certificate of the registry (or of its token service) for ${target}. Add the cluster's CA to the runner's system trust (update-ca-certificates) and restart Docker, as the README's private-CA example does: Docker's containerd image store needs it there, besides /etc/docker/certs.d.`
    )
  }
  if (/denied|unauthorized|authentication required/i.test(detail)) {
    // The preflight proved the right to push before any upload, so a refusal now is about the image itself.
    return new UserError(
      `The registry refused the push of ${target} (${detail}) although the account may push there: the image most likely exceeds the project's image size limit or quota. Check \`oc describe limitrange\` and \`oc describe quota\` in the project, make the image smaller, or ask CSC for a larger limit.`
    )
  }
  return new UserError(`${tool} push ${target} failed: ${detail}.`)
}

// The one definition lives with the image's other shapes; the engines take it from here.
export { platformOf } from '../image/oci.js'
