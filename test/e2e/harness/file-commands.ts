// The runner's file commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE) read as the runner reads them: the one parser
// of the tests, for the end-to-end runner and the unit tests of src/util/actions.ts alike.

/** The random part of a heredoc delimiter (`ghadelimiter_<uuid>`), which no two writes share. */
const DELIMITER = /ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** Parses the `name<<DELIM\nvalue\nDELIM` blocks (and `name=value` lines) of a file command's file. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, key, delim] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i])
      if (i === lines.length) throw new Error(`the block of ${key} has no closing delimiter ${delim}`)
      out[key] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

/** The text with every heredoc delimiter replaced by one placeholder, for byte-for-byte comparisons. */
export function normaliseDelimiters(text: string): string {
  return text.replace(DELIMITER, 'ghadelimiter_UUID')
}
