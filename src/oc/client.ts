// Asking an oc binary what it is. This is also the check that a binary runs on this runner at all.
import { messageOf, UserError } from '../util/errors.js'
import { run } from '../util/exec.js'

/**
 * The client version from `oc version --client`. Current clients print `Client Version: 4.16.3`;
 * clients before 4.3 or so printed a Go struct with GitVersion:"v4.2.0-...".
 */
export function parseClientVersion(output: string): string | undefined {
  const line = /^Client Version:[ \t]*(.+?)\s*$/m.exec(output)?.[1]
  if (!line) return undefined
  const git = /GitVersion:"v?([^"]+)"/.exec(line)
  if (git) return git[1]
  if (line.startsWith('version.Info')) return undefined
  return line.replace(/^v(?=\d)/, '')
}

/** Runs `oc version --client` once; throws when the binary does not run, with what it printed. */
export async function probeOc(ocPath: string): Promise<string | undefined> {
  let result
  try {
    result = await run(ocPath, ['version', '--client'])
  } catch (err) {
    throw new UserError(`${ocPath} could not be started: ${messageOf(err)}`)
  }
  if (result.exitCode !== 0) {
    const said = (result.stderr.trim() || result.stdout.trim()).split('\n')[0]
    throw new UserError(
      `\`${ocPath} version --client\` exited with code ${result.exitCode}${said ? `: ${said}` : ''}`
    )
  }
  return parseClientVersion(result.stdout)
}
