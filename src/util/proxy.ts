// The proxy for a URL, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the Actions toolkit reads them: of the lower-
// and the upper-case variable the first that is set and not empty (an empty https_proxy does not hide a set
// HTTPS_PROXY); a proxy without a scheme is http://; loopback hosts never go through a proxy. NO_PROXY holds host
// names (which match their subdomains too), `.example.com` suffixes, host:port pairs and `*`, as the toolkit's;
// beyond it, as curl and Node do, `.example.com` and `*.example.com` also match `example.com` itself.
//
// Node 24 reads these variables itself (NODE_USE_ENV_PROXY, an agent's `proxyEnv`), but by other rules: a bare
// `example.com` in NO_PROXY does not cover its subdomains and loopback is not exempt. The runner's other tools
// follow the toolkit's rules, so this module decides, and util/http.ts connects.

/** The variables' first non-empty value, lower case first. */
function firstSet(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined
}

export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const raw = firstSet(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy')?.trim()
  if (!raw || bypasses(url, env)) return undefined
  try {
    const proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`)
    return proxy.protocol === 'http:' || proxy.protocol === 'https:' ? proxy : undefined
  } catch {
    return undefined
  }
}

/** The port the proxy listens on: its own, else its scheme's (443 for an https:// proxy). */
export function proxyPort(proxy: URL): number {
  return Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80))
}

function bypasses(url: URL, env: NodeJS.ProcessEnv): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '0:0:0:0:0:0:0:1') return true
  const list = firstSet(env, 'no_proxy')
  if (!list) return false
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return list
    .split(',')
    .map(entry => entry.trim().toLowerCase())
    .filter(Boolean)
    .some(entry => {
      if (entry === '*') return true
      const [name, entryPort] = entry.split(/:(?=\d+$)/)
      if (entryPort && entryPort !== port) return false
      const suffix = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '')
      return host === suffix || host.endsWith(`.${suffix}`)
    })
}
