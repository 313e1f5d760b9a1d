// The job summary's part on the signature: who signed, and how to verify it with cosign and with podman, skopeo
// or CRI-O (containers/image). Part of the signing chunk: an unsigned push never loads it.
import { type Html, joinHtml, markup } from '../util/html.js'
import type { Signer, SignResult } from './sign.js'

export interface SignatureSummary {
  /** List items for the summary (markup: every value in them escaped). */
  lines: Html[]
  /** The verify instructions (markup). */
  details: Html
}

/** The summary's lines on the signature: who signed, and how to verify with cosign and with podman/CRI-O. */
export function signatureSummary(
  result: SignResult,
  signer: Signer,
  target: { registryHost: string; repository: string; digest: string }
): SignatureSummary {
  const repo = `${target.registryHost}/${target.repository}`
  const ref = `${repo}@${target.digest}`
  const lines = [
    markup`Signature: <code>${result.signature}</code>${result.signatures > 1 ? ` (${result.signatures} signatures)` : ''}`,
    result.identity
      ? markup`Signed by: <code>${result.identity}</code> (issuer <code>${result.issuer ?? ''}</code>)`
      : markup`Signed by: the key whose public key is below`,
    ...(result.rekor
      ? [markup`Rekor entry: <a href="${result.rekor.url}">${String(result.rekor.logIndex)}</a>`]
      : []),
    ...(result.instances.length
      ? [markup`The index's ${result.instances.length} images are signed too, each at its own digest`]
      : [])
  ]
  const cosign = result.identity
    ? `cosign verify --certificate-identity '${result.identity}' --certificate-oidc-issuer '${result.issuer ?? ''}' ${ref}`
    : `cosign verify --key cosign.pub --insecure-ignore-tlog=true ${ref}`
  const policy = signer.publicKeyPem
    ? JSON.stringify(
        {
          default: [{ type: 'reject' }],
          transports: {
            docker: {
              [repo]: [
                {
                  type: 'sigstoreSigned',
                  keyData: Buffer.from(signer.publicKeyPem).toString('base64'),
                  signedIdentity: { type: 'matchRepository' }
                }
              ]
            }
          }
        },
        null,
        2
      )
    : undefined
  const registriesD = `docker:\n  ${target.registryHost}:\n    use-sigstore-attachments: true`
  const parts = [
    ...(signer.publicKeyPem
      ? [markup`<p>The public key (<code>cosign.pub</code>):</p><pre>${signer.publicKeyPem.trim()}</pre>`]
      : []),
    markup`<p>With cosign:</p><pre>${cosign}</pre>`,
    policy
      ? markup`<p>With podman, skopeo or CRI-O: <code>/etc/containers/policy.json</code></p><pre>${policy}</pre><p>and <code>/etc/containers/registries.d/rahti.yaml</code></p><pre>${registriesD}</pre>`
      : // containers/image matches a Fulcio certificate by its e-mail only; a workflow's certificate names a URI.
        markup`<p>podman, skopeo and CRI-O (containers/image) match a keyless certificate by e-mail address only, and a workflow's certificate names a URI, so they cannot require this workflow's identity: verify with cosign (or sigstore's policy-controller), or sign with a key for them (<code>sign: key</code>). They read the signature with <code>use-sigstore-attachments: true</code> in <code>/etc/containers/registries.d/</code>:</p><pre>${registriesD}</pre>`
  ]
  return { lines, details: joinHtml(parts) }
}
