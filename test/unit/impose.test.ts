/** Saddle-stitch imposition (PG-5, TP-10): page order on the sheets and the imposed PDF itself. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { A4_LANDSCAPE, imposeBooklet, paddedOrder, saddleStitchSheets, type Sheet } from '../../src/pdf/impose.ts'
import { pageWords } from '../helpers/pdf.ts'

/** The pages in the order a reader turns them, after the stack of sheets is folded. */
function readingOrder(sheets: Sheet[]): (number | null)[] {
  const first = sheets.flatMap((s) => [s.front.right, s.back.left])
  const second = [...sheets].reverse().flatMap((s) => [s.back.right, s.front.left])
  return [...first, ...second]
}

describe('saddle-stitch page order', () => {
  it('puts 4 pages on one sheet: back cover and cover outside, 2 and 3 inside', () => {
    expect(saddleStitchSheets(4)).toEqual([{ front: { left: 3, right: 0 }, back: { left: 1, right: 2 } }])
  })

  it('nests 8 pages on two sheets', () => {
    expect(saddleStitchSheets(8)).toEqual([
      { front: { left: 7, right: 0 }, back: { left: 1, right: 6 } },
      { front: { left: 5, right: 2 }, back: { left: 3, right: 4 } },
    ])
  })

  it('nests 12 pages on three sheets', () => {
    expect(saddleStitchSheets(12).map((s) => [s.front.left, s.front.right, s.back.left, s.back.right])).toEqual([
      [11, 0, 1, 10],
      [9, 2, 3, 8],
      [7, 4, 5, 6],
    ])
  })

  it('pads 30 pages with two blanks at the end, before a back cover when there is one', () => {
    expect(paddedOrder(30).slice(-3)).toEqual([29, null, null])
    expect(paddedOrder(30, true).slice(-3)).toEqual([null, null, 29])
    const sheets = saddleStitchSheets(30)
    expect(sheets).toHaveLength(8)
    expect(sheets[0]).toEqual({ front: { left: null, right: 0 }, back: { left: 1, right: null } })
  })

  it('reads in order once folded, every page once, for every page count', () => {
    for (let n = 1; n <= 64; n++) {
      for (const backCover of [false, true]) {
        const order = readingOrder(saddleStitchSheets(n, backCover))
        expect(order.length % 4).toBe(0)
        expect(order).toEqual(paddedOrder(n, backCover))
        expect(order.filter((p) => p !== null)).toEqual(Array.from({ length: n }, (_, i) => i))
      }
    }
  })
})

describe('the imposed PDF', () => {
  it('places the pages two per A4 landscape side in booklet order, blanks left empty', async () => {
    const source = await PDFDocument.create()
    const font = await source.embedFont(StandardFonts.Helvetica)
    for (let i = 0; i < 30; i++) source.addPage([419.53, 595.28]).drawText(`P${i + 1}`, { x: 200, y: 300, size: 12, font })
    const { pdf, sheets } = await imposeBooklet(await source.save(), { marks: true })
    const file = join(mkdtempSync(join(tmpdir(), 'booklet-impose-')), 'imposed.pdf')
    writeFileSync(file, pdf)
    const doc = await PDFDocument.load(pdf)
    expect(doc.getPageCount()).toBe(16)
    for (const page of doc.getPages()) {
      expect(page.getWidth()).toBeCloseTo(A4_LANDSCAPE.width, 1)
      expect(page.getHeight()).toBeCloseTo(A4_LANDSCAPE.height, 1)
    }
    const sides = sheets.flatMap((s) => [s.front, s.back])
    sides.forEach((side, i) => {
      const words = pageWords(file, i)
      const at = (left: boolean) => words.filter((w) => (w.xMin < A4_LANDSCAPE.width / 2) === left).map((w) => w.text)
      expect(at(true)).toEqual(side.left === null ? [] : [`P${side.left + 1}`])
      expect(at(false)).toEqual(side.right === null ? [] : [`P${side.right + 1}`])
    })
    // Centred in the right half: the A5 page is 1.4 pt narrower than half an A4 sheet.
    expect(pageWords(file, 0).find((w) => w.text === 'P1')!.xMin).toBeCloseTo(A4_LANDSCAPE.width * 0.75 - 419.53 / 2 + 200, 1)
  })
})
