export const id = 799;
export const ids = [799];
export const modules = {

/***/ 799:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   signatureSummary: () => (/* binding */ signatureSummary)
/* harmony export */ });
/* harmony import */ var _util_html_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(263);
// The job summary's part on the signature: who signed, and how to verify it with cosign and with podman, skopeo
// or CRI-O (containers/image). Part of the signing chunk: an unsigned push never loads it.

/** The summary's lines on the signature: who signed, and how to verify with cosign and with podman/CRI-O. */
function signatureSummary(result, signer, target) {
    const repo = `${target.registryHost}/${target.repository}`;
    const ref = `${repo}@${target.digest}`;
    const lines = [
        (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `Signature: <code>${result.signature}</code>${result.signatures > 1 ? ` (${result.signatures} signatures)` : ''}`,
        result.identity
            ? (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `Signed by: <code>${result.identity}</code> (issuer <code>${result.issuer ?? ''}</code>)`
            : (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `Signed by: the key whose public key is below`,
        ...(result.rekor
            ? [(0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `Rekor entry: <a href="${result.rekor.url}">${String(result.rekor.logIndex)}</a>`]
            : []),
        ...(result.instances.length
            ? [(0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `The index's ${result.instances.length} images are signed too, each at its own digest`]
            : [])
    ];
    const cosign = result.identity
        ? `cosign verify --certificate-identity '${result.identity}' --certificate-oidc-issuer '${result.issuer ?? ''}' ${ref}`
        : `cosign verify --key cosign.pub --insecure-ignore-tlog=true ${ref}`;
    const policy = signer.publicKeyPem
        ? JSON.stringify({
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
        }, null, 2)
        : undefined;
    const registriesD = `docker:\n  ${target.registryHost}:\n    use-sigstore-attachments: true`;
    const parts = [
        ...(signer.publicKeyPem
            ? [(0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `<p>The public key (<code>cosign.pub</code>):</p><pre>${signer.publicKeyPem.trim()}</pre>`]
            : []),
        (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `<p>With cosign:</p><pre>${cosign}</pre>`,
        policy
            ? (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `<p>With podman, skopeo or CRI-O: <code>/etc/containers/policy.json</code></p><pre>${policy}</pre><p>and <code>/etc/containers/registries.d/rahti.yaml</code></p><pre>${registriesD}</pre>`
            : // containers/image matches a Fulcio certificate by its e-mail only; a workflow's certificate names a URI.
                (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .markup */ .PT) `<p>podman, skopeo and CRI-O (containers/image) match a keyless certificate by e-mail address only, and a workflow's certificate names a URI, so they cannot require this workflow's identity: verify with cosign (or sigstore's policy-controller), or sign with a key for them (<code>sign: key</code>). They read the signature with <code>use-sigstore-attachments: true</code> in <code>/etc/containers/registries.d/</code>:</p><pre>${registriesD}</pre>`
    ];
    return { lines, details: (0,_util_html_js__WEBPACK_IMPORTED_MODULE_0__/* .joinHtml */ .cR)(parts) };
}


/***/ })

};
