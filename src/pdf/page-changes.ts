/**
 * Which pages changed since the previous build, so a user reprints only those. Each booklet PDF
 * carries a digest of every page's printed text and positions in its document information
 * (`BookletPages`); the next build compares its own digests with the previous file's.
 */
import { readFile } from 'node:fs/promises'
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib'
import type { Sheet } from './impose.ts'
import { LOAD_OPTIONS } from './pdf-lib-options.ts'

const KEY = PDFName.of('BookletPages')

export function setPageDigests(doc: PDFDocument, digests: string[]): void {
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
  info.set(KEY, PDFString.of(digests.join(' ')))
}

/** The digests of the previous booklet at `path`; undefined when there is none or it cannot be read. */
export async function previousPageDigests(path: string): Promise<string[] | undefined> {
  const bytes = await readFile(path).catch(() => undefined)
  if (!bytes) return undefined
  try {
    const doc = await PDFDocument.load(bytes, LOAD_OPTIONS)
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict)
    const stored = info.lookupMaybe(KEY, PDFString)
    if (stored) return stored.decodeText().split(' ')
    // A booklet from before digests were stored: read its pages.
    const { readPdfText } = await import('./pdf-text.ts')
    return (await readPdfText(bytes)).map((page) => page.fingerprint)
  } catch {
    return undefined
  }
}

export interface PageChanges {
  /** Physical page indices (0-based) that differ from the previous booklet, or are new. */
  pages: number[]
  /** Pages the previous booklet had and this one has not. */
  removed: number
  /** With imposition: the sheet sides that carry a changed page (sheet 0-based). */
  sheets?: { sheet: number; side: 'front' | 'back' }[]
}

export function comparePages(previous: string[], current: string[], sheets?: Sheet[]): PageChanges {
  const pages = current.flatMap((digest, i) => (previous[i] === digest ? [] : [i]))
  const changes: PageChanges = { pages, removed: Math.max(0, previous.length - current.length) }
  if (sheets) {
    const changed = new Set(pages)
    changes.sheets = sheets.flatMap((sheet, i) =>
      (['front', 'back'] as const).filter((side) => [sheet[side].left, sheet[side].right].some((p) => p !== null && changed.has(p))).map((side) => ({ sheet: i, side })),
    )
  }
  return changes
}
