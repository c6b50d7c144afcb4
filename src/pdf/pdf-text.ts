/**
 * Reads a PDF's printed text the way a reader sees it: per page, lines of text from top to
 * bottom with their position, through pdf.js (no browser, no poppler). Used by the preflight and
 * to tell which pages changed since the previous build.
 */
import { createHash } from 'node:crypto'
// The minified builds: the others name multi-megabyte source maps, which Node reads and parses
// on import when source maps are on (tsx turns them on): 0.6 s → 0.28 s to load both.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.min.mjs'
// pdf.js runs its worker in this thread under Node and would import it on first use; loaded
// with this module instead.
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { type GlyphRow, glyphRows } from './glyph-rows.ts'

export interface PdfLine {
  text: string
  /** Baseline, in points from the bottom of the page. */
  y: number
  xMin: number
  xMax: number
  /** Largest font size on the line, in points. */
  size: number
}

export interface PdfPage {
  width: number
  height: number
  lines: PdfLine[]
  /** Digest of what is printed on the page: text, positions and sizes. */
  fingerprint: string
  /**
   * Radicals (U+2E80–U+2FDF) as the text layer gives them, before they are read as the ideograph
   * they look like: a font whose glyph serves both names the radical, and copy and search fail.
   */
  radicals: string
  /**
   * The glyphs' rows with the gaps between them (issue 19: stretched lines); empty for a page
   * whose text layer has no gap of a fifth of an em anywhere (nothing there can be stretched).
   */
  rows: GlyphRow[]
}

;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker

/** `known`: pages (0-based) already read from a print they are the same in (a rebuild, issue 6). */
export async function readPdfText(pdf: Uint8Array, known: Map<number, PdfPage> = new Map()): Promise<PdfPage[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  const doc = await task.promise
  try {
    const pages: PdfPage[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const same = known.get(n - 1)
      if (same) {
        pages.push(same)
        continue
      }
      const page = await doc.getPage(n)
      const [, , width, height] = page.view as [number, number, number, number]
      const content = await page.getTextContent()
      const raw = content.items.filter((item): item is TextItem => 'str' in item && item.str !== '')
      const radicals = raw.map((item) => item.str.match(RADICAL_CHARS)?.join('') ?? '').join('')
      const items = raw.map((item) => ({ ...item, str: unifiedHan(item.str) }))
      // Glyph positions cost a parse of the page's drawing (some 25 ms a page): read only where
      // the text layer shows a gap a stretched line would leave.
      pages.push({ width, height, lines: toLines(items), fingerprint: fingerprintOf(items), radicals, rows: hasGaps(raw) ? await glyphRows(page) : [] })
      page.cleanup()
    }
    return pages
  } finally {
    await task.destroy()
  }
}

/** Items whose baselines lie within 2 pt form one line; lines from top to bottom, items left to right. */
function toLines(items: TextItem[]): PdfLine[] {
  const lines: { y: number; items: TextItem[] }[] = []
  for (const item of items) {
    const y = item.transform[5]!
    const line = lines.find((l) => Math.abs(l.y - y) < 2)
    if (line) line.items.push(item)
    else lines.push({ y, items: [item] })
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map(({ y, items: parts }) => {
      parts.sort((a, b) => a.transform[4]! - b.transform[4]!)
      const first = parts[0]!
      const last = parts.at(-1)!
      return {
        text: parts.map((p) => p.str).join(''),
        y,
        xMin: first.transform[4]!,
        xMax: last.transform[4]! + last.width,
        size: Math.max(...parts.map((p) => Math.abs(p.transform[3]!))),
      }
    })
}

/**
 * Whether a page's text may hold a line whose characters were spread: pdf.js puts a space into
 * a run where a glyph stands off from the one before it, and starts a new run after a wider gap.
 */
function hasGaps(items: TextItem[]): boolean {
  // The folio (— 8 —) is spaced by design; a run of its own that is only a space is a gap.
  const sizeOf = (item: TextItem) => Math.abs(item.transform[3]!) || 1
  if (items.some((item) => (/\s/u.test(item.str.trim()) && !/^—\s*\d+\s*—$/u.test(item.str.trim())) || (item.str.trim() === '' && item.width > 0.2 * sizeOf(item)))) return true
  const sorted = [...items].sort((a, b) => b.transform[5]! - a.transform[5]! || a.transform[4]! - b.transform[4]!)
  return sorted.some((item, i) => {
    const next = sorted[i + 1]
    if (!next || Math.abs(next.transform[5]! - item.transform[5]!) >= 1) return false
    return next.transform[4]! - (item.transform[4]! + item.width) > 0.2 * sizeOf(item)
  })
}

function fingerprintOf(items: TextItem[]): string {
  const hash = createHash('sha256')
  for (const item of items) {
    const [a, , , d, x, y] = item.transform as number[]
    hash.update(`${item.str}\u0000${a!.toFixed(2)},${d!.toFixed(2)},${x!.toFixed(2)},${y!.toFixed(2)}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

const RADICAL_CHARS = /[\u2e80-\u2fdf]/gu

/**
 * A font may draw 工 and the Kangxi radical ⼯ with one glyph, and pdf.js may then report the
 * radical. Radicals and compatibility ideographs are read as the unified ideograph they stand for
 * (NFKC, applied to those blocks only: it would also turn full-width punctuation half-width).
 */
function unifiedHan(text: string): string {
  return text.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/gu, (char) => char.normalize('NFKC'))
}
