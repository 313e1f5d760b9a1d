// The signing stage. Before any upload, `prepareSigning` makes the signer ready (the key decrypted, the job's
// OIDC token had) so that a wrong passphrase or a missing `id-token: write` fails the step with nothing pushed;
// after the push and its settings, `signPushed` signs the pushed digest (an index with each of its images), sets
// the outputs, and gives the job summary who signed and how to verify. The signing code is a chunk of its own,
// loaded by dynamic import here only, and only when `sign` is set: an unsigned push loads none of it (this
// module's imports of it are types only).
import type { RegistryClient } from '../registry/client.js'
import type { SignRequest } from '../signing/inputs.js'
import type { Signer, SignResult } from '../signing/sign.js'
import type { SignatureSummary } from '../signing/summary.js'
import * as core from '../util/actions.js'
import { UserError } from '../util/errors.js'
import type { HttpTransport } from '../util/http.js'

/** The signer for `sign`, ready. Nothing is uploaded or recorded anywhere yet. */
export async function prepareSigning(
  request: SignRequest,
  transport: HttpTransport,
  env: NodeJS.ProcessEnv = process.env
): Promise<Signer> {
  const { prepareSigner } = await import('../signing/sign.js')
  const signer = await prepareSigner(request, env, transport)
  core.info(
    signer.mode === 'key'
      ? 'Signing key decrypted'
      : `The job's OIDC token is there (issuer ${signer.issuer ?? 'unknown'})`
  )
  return signer
}

/** A signature made, with the job summary's part on it. */
export type Signed = SignResult & { summary: SignatureSummary }

/** Signs the pushed digest, appends the signature to its `.sig` tag, and sets the signature's outputs. */
export async function signPushed(
  signer: Signer,
  target: { registry: RegistryClient; registryHost: string; repository: string; digest: string }
): Promise<Signed> {
  const result = await signer.sign({
    registry: target.registry,
    repository: target.repository,
    dockerReference: `${target.registryHost}/${target.repository}`,
    digest: target.digest
  })
  core.setOutput('signature', result.signature)
  if (result.rekor) core.setOutput('signature-log-entry', result.rekor.url)
  core.info(
    `Signed ${target.digest}${result.identity ? ` as ${result.identity}` : ' with the key'}: ${result.signature}${result.added ? '' : ' (this signature was there already)'}${result.signatures > 1 ? `, beside ${result.signatures - 1} other signature(s)` : ''}`
  )
  if (result.rekor) core.info(`Rekor entry ${result.rekor.logIndex}: ${result.rekor.url}`)
  if (result.instances.length)
    core.info(`Signed the index's ${result.instances.length} images too, each at its own digest`)
  const { signatureSummary } = await import('../signing/summary.js')
  return { ...result, summary: signatureSummary(result, signer, target) }
}

/** A signing failure after the push: an expected one says the image is there, unsigned; a bug stays as it is. */
export function signedBut(digest: string, error: Error): Error {
  if (!(error instanceof UserError)) return error
  return new UserError(`The image was pushed (${digest}), but it was not signed: ${error.message}`)
}

/** What the dry run says it would do about signing, once the signer is ready. */
export function wouldSign(signer: Signer | undefined): string | undefined {
  if (!signer) return undefined
  return signer.mode === 'key'
    ? 'Would sign the pushed digest with the key (it decrypts) and add the signature to its sha256-<hex>.sig tag, which the same push rights allow'
    : `Would sign the pushed digest keylessly as this workflow (the OIDC token from ${signer.issuer ?? 'the runner'} is there) and add the signature to its sha256-<hex>.sig tag, which the same push rights allow`
}
