// The proxy for a URL, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (upper or lower case), as the Actions
// toolkit reads them: NO_PROXY holds host names, domain suffixes (`.example.com` or `example.com`),
// host:port pairs and `*`; loopback hosts never go through a proxy.
export function proxyFor(url: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const raw =
    url.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY) : (env.http_proxy ?? env.HTTP_PROXY)
  if (!raw || bypasses(url, env)) return undefined
  try {
    return new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`)
  } catch {
    return undefined
  }
}

function bypasses(url: URL, env: NodeJS.ProcessEnv): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || /^127\./.test(host) || host === '::1') return true
  const list = env.no_proxy ?? env.NO_PROXY
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
      const suffix = name.replace(/^\*?\./, '')
      return host === suffix || host.endsWith(`.${suffix}`)
    })
}
