/**
 * Saddle-stitch imposition (typography.md PG-5, TP-10): the A5 pages, padded with blank pages to
 * a multiple of 4, placed two per A4 landscape sheet side in booklet order. Printed duplex with
 * "flip on short edge", folded in the middle and stapled, the sheets give the booklet in order.
 * Works on PDF bytes with pdf-lib; the pages are embedded as form XObjects, so nothing is
 * re-rendered and the fonts stay embedded once.
 */
import { PDFDocument, rgb } from 'pdf-lib'
import { LOAD_OPTIONS, SAVE_OPTIONS } from './pdf-lib-options.ts'

/** Physical A5 page indices (0-based; null = added blank) on each side of each sheet. */
export interface SheetSide {
  left: number | null
  right: number | null
}

export interface Sheet {
  front: SheetSide
  back: SheetSide
}

export interface ImposeOptions {
  /** Sheet size in points, landscape (A4: 841.89 × 595.28). */
  sheet?: { width: number; height: number }
  /** Short fold marks at the top and bottom of the fold on each side. */
  marks?: boolean
  /** The last page is a back cover: the blanks go before it instead of after it. */
  backCover?: boolean
}

export const A4_LANDSCAPE = { width: (297 / 25.4) * 72, height: (210 / 25.4) * 72 }

/**
 * The reading order padded to a multiple of 4: blank pages (null) at the end, or before the back
 * cover, never inside the text.
 */
export function paddedOrder(pageCount: number, backCover = false): (number | null)[] {
  const blanks = (4 - (pageCount % 4)) % 4
  const pages: (number | null)[] = Array.from({ length: pageCount }, (_, i) => i)
  const at = backCover && pageCount > 1 ? pageCount - 1 : pageCount
  pages.splice(at, 0, ...Array.from({ length: blanks }, () => null))
  return pages
}

/**
 * Sheet s of n/4 carries, outside: the last unplaced page on the left and the first on the right;
 * inside: the next first on the left and the next last on the right. 8 pages: [8|1] [2|7], [6|3] [4|5].
 */
export function saddleStitchSheets(pageCount: number, backCover = false): Sheet[] {
  const order = paddedOrder(pageCount, backCover)
  const n = order.length
  return Array.from({ length: n / 4 }, (_, s) => ({
    front: { left: order[n - 1 - 2 * s]!, right: order[2 * s]! },
    back: { left: order[2 * s + 1]!, right: order[n - 2 - 2 * s]! },
  }))
}

export async function imposeBooklet(pdf: Uint8Array, options: ImposeOptions = {}): Promise<{ pdf: Uint8Array; sheets: Sheet[] }> {
  const source = await PDFDocument.load(pdf, LOAD_OPTIONS)
  const out = await PDFDocument.create({ updateMetadata: false })
  const sheetSize = options.sheet ?? A4_LANDSCAPE
  const pages = await out.embedPages(source.getPages())
  const sheets = saddleStitchSheets(pages.length, options.backCover)
  const half = sheetSize.width / 2
  for (const sheet of sheets) {
    for (const side of [sheet.front, sheet.back]) {
      const page = out.addPage([sheetSize.width, sheetSize.height])
      for (const [slot, index] of [[0, side.left], [1, side.right]] as const) {
        if (index === null) continue
        const embedded = pages[index]!
        // Centred in its half: an A5 page fills half an A4 sheet exactly.
        const x = slot * half + (half - embedded.width) / 2
        const y = (sheetSize.height - embedded.height) / 2
        page.drawPage(embedded, { x, y })
      }
      if (options.marks) drawFoldMarks(page, sheetSize)
    }
  }
  // Dates and producer as in the booklet itself, so the imposed file is reproducible too.
  const created = source.getCreationDate()
  if (created) {
    out.setCreationDate(created)
    out.setModificationDate(created)
  }
  out.setTitle(`${source.getTitle() ?? ''}（拼版）`)
  out.setCreator('booklet')
  out.setProducer('booklet (pdf-lib)')
  return { pdf: await out.save(SAVE_OPTIONS), sheets }
}

/** 5 mm dashes where the sheet is folded, at the top and bottom edge. */
function drawFoldMarks(page: ReturnType<PDFDocument['addPage']>, sheet: { width: number; height: number }): void {
  const x = sheet.width / 2
  const length = (5 / 25.4) * 72
  const style = { thickness: 0.3, color: rgb(0, 0, 0), dashArray: [2, 1.5] }
  page.drawLine({ start: { x, y: sheet.height }, end: { x, y: sheet.height - length }, ...style })
  page.drawLine({ start: { x, y: 0 }, end: { x, y: length }, ...style })
}
