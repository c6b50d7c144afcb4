/**
 * What `booklet watch` keeps between rebuilds, keyed by content (issue 6):
 *   - each article's processed tree and messages, so that only the edited article goes through
 *     the pipeline again;
 *   - the last booklet written, so that a save which changes nothing in the booklet's HTML (the
 *     same bytes in, the same PDF out: builds are reproducible) costs no layout at all;
 *   - the text of the pages last printed, for the pages a rebuild prints exactly as before.
 */
import type { Root } from 'hast'
import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { VFile } from 'vfile'
import type { Diagnostic } from './diagnostics.ts'
import type { PdfPage } from './pdf/pdf-text.ts'
import type { BuildReport } from './report.ts'

export interface CachedArticle {
  tree: Root
  messages: VFile['messages']
  data: VFile['data']
}

interface LastBooklet {
  key: string
  report: BuildReport
  /** Diagnostics from layout and preflight (the pipeline's are made anew each time). */
  renderDiagnostics: Diagnostic[]
  /** The files written, as they were: a file changed or deleted since means a new build. */
  files: { path: string; size: number; mtimeMs: number }[]
}

export interface BuildCache {
  articles: Map<string, CachedArticle>
  last?: LastBooklet
  /**
   * The pages of the last print in the warm page, as read back: a rebuild that laid out only an
   * edited article reads again only the pages that are not printed exactly as before.
   */
  printed?: PdfPage[] | undefined
}

export function createBuildCache(): BuildCache {
  return { articles: new Map() }
}

export function contentKey(...parts: string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  return hash.digest('hex')
}

/** The last booklet, if it was made from `key` and its files are still the ones written. */
export async function unchangedBooklet(cache: BuildCache, key: string): Promise<LastBooklet | undefined> {
  const last = cache.last
  if (!last || last.key !== key) return undefined
  for (const file of last.files) {
    const now = await stat(file.path).catch(() => undefined)
    if (!now || now.size !== file.size || now.mtimeMs !== file.mtimeMs) return undefined
  }
  return last
}

export async function rememberBooklet(cache: BuildCache, key: string, report: BuildReport, renderDiagnostics: Diagnostic[], paths: string[]): Promise<void> {
  const files = await Promise.all(paths.map(async (path) => ({ path, ...(await stat(path)) })))
  cache.last = { key, report, renderDiagnostics, files: files.map(({ path, size, mtimeMs }) => ({ path, size, mtimeMs })) }
}
