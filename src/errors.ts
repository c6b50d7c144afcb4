/**
 * Operational failures (no browser, unreadable folder, bad config …) that stop a build.
 * Manuscript problems are *not* thrown: they travel as vfile messages (see diagnostics.ts).
 * The CLI prints `message` and `hint` (both in Chinese, for the user) and exits non-zero,
 * never a stack trace.
 */
export class BookletError extends Error {
  readonly hint: string | undefined
  readonly file: string | undefined

  constructor(message: string, options: { hint?: string; file?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'BookletError'
    this.hint = options.hint
    this.file = options.file
  }
}
