// An error the user can meet and fix: its message is the whole story (what happened, what to do),
// so the entry point prints it without a stack trace.
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}
