// An error the user can meet and fix: its message is the whole story (what happened, what to do),
// so the entry point prints it without a stack trace.
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

/** The last non-blank line of a program's or server's message, without a final period: the part a user needs. */
export function lastLine(text: string, fallback = 'no output'): string {
  const lines = text
    .trim()
    .split('\n')
    .filter(l => l.trim())
  return (lines[lines.length - 1] ?? fallback).trim().replace(/\.$/, '')
}
