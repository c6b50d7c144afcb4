/**
 * Where each glyph of a PDF page is drawn, grouped into rows on one baseline, with the gaps
 * between neighbouring glyphs (issue 19: a justified line whose characters were spread over the
 * measure — “汇　　报　　人” — is only visible in the glyphs' positions; the text layer joins
 * them into one string). Read from the page's drawing operators through pdf.js, with the text
 * state a PDF viewer keeps (text matrix, font size, character and word spacing, scaling).
 *
 * Vertical rules (a table's cell borders) are read too: a gap a rule crosses separates two cells
 * and is never a stretched line.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.min.mjs'
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js'
import { apply, IDENTITY, type Matrix, multiply } from './matrix.ts'

export interface GlyphGap {
  /** Space between one glyph's advance and the next glyph, in points. */
  width: number
  /** A vertical rule lies in the gap: the glyphs stand in two table cells. */
  ruled: boolean
}

export interface GlyphRow {
  /** Baseline, in points from the bottom of the page. */
  y: number
  /** The glyphs' characters, left to right (gaps not shown). */
  text: string
  /** Largest font size on the row, in points. */
  size: number
  gaps: GlyphGap[]
}

interface Glyph {
  char: string
  x0: number
  x1: number
  y: number
  size: number
}

interface Rule {
  x: number
  y0: number
  y1: number
}

/** pdf.js's glyph objects in a showText argument (numbers are TJ position adjustments). */
interface ShownGlyph {
  unicode: string
  width: number
  isSpace: boolean
}

/** A rule at most this wide (points) and at least this tall is a vertical border. */
const RULE_WIDTH = 2
const RULE_HEIGHT = 4

export async function glyphRows(page: PDFPageProxy): Promise<GlyphRow[]> {
  const { fnArray, argsArray } = await page.getOperatorList()
  const glyphs: Glyph[] = []
  const rules: Rule[] = []
  let ctm: Matrix = IDENTITY
  const saved: Matrix[] = []
  let textMatrix: Matrix = IDENTITY
  let lineMatrix: Matrix = IDENTITY
  let fontSize = 0
  let charSpacing = 0
  let wordSpacing = 0
  let hScale = 1
  let leading = 0
  const moveLine = (tx: number, ty: number) => {
    lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix)
    textMatrix = lineMatrix
  }
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[]
    switch (fn) {
      case OPS.save:
        saved.push(ctm)
        break
      case OPS.restore:
        ctm = saved.pop() ?? ctm
        break
      case OPS.paintFormXObjectBegin:
        saved.push(ctm)
        if (Array.isArray(args[0])) ctm = multiply(args[0] as Matrix, ctm)
        break
      case OPS.paintFormXObjectEnd:
        ctm = saved.pop() ?? ctm
        break
      case OPS.transform:
        ctm = multiply(args as Matrix, ctm)
        break
      case OPS.beginText:
        textMatrix = lineMatrix = IDENTITY
        break
      case OPS.setFont:
        fontSize = Number(args[1])
        break
      case OPS.setCharSpacing:
        charSpacing = Number(args[0])
        break
      case OPS.setWordSpacing:
        wordSpacing = Number(args[0])
        break
      case OPS.setHScale:
        hScale = Number(args[0]) / 100
        break
      case OPS.setLeading:
        leading = Number(args[0])
        break
      case OPS.setTextMatrix:
        textMatrix = lineMatrix = args as Matrix
        break
      case OPS.moveText:
        moveLine(Number(args[0]), Number(args[1]))
        break
      case OPS.setLeadingMoveText:
        leading = -Number(args[1])
        moveLine(Number(args[0]), Number(args[1]))
        break
      case OPS.nextLine:
        moveLine(0, -leading)
        break
      case OPS.showText:
      case OPS.showSpacedText: {
        const toPage = multiply(textMatrix, ctm)
        const size = Math.abs(fontSize) * Math.hypot(toPage[2], toPage[3])
        let x = 0
        for (const item of args[0] as (ShownGlyph | number | null)[]) {
          if (item === null) continue
          if (typeof item === 'number') {
            x -= (item / 1000) * fontSize * hScale
            continue
          }
          const advance = (item.width / 1000) * fontSize * hScale
          const [x0, y] = apply(toPage, x, 0)
          const [x1] = apply(toPage, x + advance, 0)
          // A space drawn is a space typed (主题词：教育　普通高中): it fills its place, no gap.
          glyphs.push({ char: item.unicode, x0: Math.min(x0, x1), x1: Math.max(x0, x1), y, size })
          x += advance + (charSpacing + (item.isSpace ? wordSpacing : 0)) * hScale
        }
        textMatrix = multiply([1, 0, 0, 1, x, 0], textMatrix)
        break
      }
      case OPS.constructPath: {
        const box = args[2] as number[] | undefined
        if (!box || box.length !== 4) break
        const [ax, ay] = apply(ctm, box[0]!, box[1]!)
        const [bx, by] = apply(ctm, box[2]!, box[3]!)
        if (Math.abs(bx - ax) <= RULE_WIDTH && Math.abs(by - ay) >= RULE_HEIGHT) rules.push({ x: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) })
        break
      }
    }
  })
  return rowsOf(glyphs, rules)
}

/** Glyphs whose baselines lie within 1 pt form a row; each row's gaps, with the rules in them. */
function rowsOf(glyphs: Glyph[], rules: Rule[]): GlyphRow[] {
  const rows: { y: number; glyphs: Glyph[] }[] = []
  for (const glyph of glyphs) {
    const row = rows.find((r) => Math.abs(r.y - glyph.y) < 1)
    if (row) row.glyphs.push(glyph)
    else rows.push({ y: glyph.y, glyphs: [glyph] })
  }
  return rows
    .sort((a, b) => b.y - a.y)
    .map(({ y, glyphs: row }) => {
      row.sort((a, b) => a.x0 - b.x0)
      const gaps = row.slice(1).map((glyph, k) => {
        const before = row[k]!
        const ruled = rules.some((r) => r.x > before.x1 - 0.5 && r.x < glyph.x0 + 0.5 && r.y0 <= y + 1 && r.y1 >= y - 1)
        return { width: glyph.x0 - before.x1, ruled }
      })
      return { y, text: row.map((g) => g.char).join(''), size: Math.max(...row.map((g) => g.size)), gaps }
    })
}
