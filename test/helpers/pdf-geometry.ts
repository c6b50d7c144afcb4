/**
 * Where things are printed on a PDF page, in millimetres from the top-left corner, as a ruler
 * on the paper would find them (issue 18: GB/T 9704 gives its 版头 and 版记 in millimetres): each
 * run of text with its baseline, em box, size, font and colour, and each filled rectangle (rules)
 * with its colour. Read through pdf.js: text from the text layer, colours and rectangles from the
 * page's drawing operators.
 */
import { readFileSync } from 'node:fs'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.min.mjs'
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { apply, type Matrix, multiply } from '../../src/pdf/matrix.ts'

;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker

const MM = 25.4 / 72

export interface PrintedText {
  text: string
  /** Left and right edges (mm). */
  left: number
  right: number
  /** Baseline (mm from the top). */
  baseline: number
  /** The ideographic em box: 0.88 em above the baseline, 0.12 em below (mm from the top). */
  emTop: number
  emBottom: number
  sizePt: number
  font: string
  /** Fill colour at the text, as [r, g, b] 0–255. */
  colour: [number, number, number]
}

export interface PrintedRect {
  top: number
  bottom: number
  left: number
  right: number
  colour: [number, number, number]
}

export interface PrintedPage {
  width: number
  height: number
  texts: PrintedText[]
  rects: PrintedRect[]
}

/** pdf.js hands colours over as three bytes (a Uint8ClampedArray), or as #rrggbb. */
function rgb(value: unknown): [number, number, number] {
  if (typeof value === 'string' && /^#[0-9a-f]{6}$/iu.test(value)) return [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16)) as [number, number, number]
  const bytes = value as ArrayLike<number> | undefined
  return bytes && bytes.length >= 3 ? [Number(bytes[0]), Number(bytes[1]), Number(bytes[2])] : [0, 0, 0]
}

/** Every page of the PDF, measured. */
export async function measurePages(path: string): Promise<PrintedPage[]> {
  const task = getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  const doc = await task.promise
  try {
    const pages: PrintedPage[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const [, , width, height] = page.view as [number, number, number, number]
      const operators = await page.getOperatorList()
      // Where each run of text starts (page space) and its fill colour; each rectangle filled.
      const textColours: { x: number; y: number; colour: [number, number, number] }[] = []
      let textMatrix: Matrix = [1, 0, 0, 1, 0, 0]
      let lineMatrix: Matrix = [1, 0, 0, 1, 0, 0]
      const rects: PrintedRect[] = []
      let ctm: Matrix = [1, 0, 0, 1, 0, 0]
      const stack: { ctm: Matrix; fill: [number, number, number] }[] = []
      let fill: [number, number, number] = [0, 0, 0]
      let pending: { x0: number; y0: number; x1: number; y1: number }[] = []
      operators.fnArray.forEach((fn, i) => {
        const args = operators.argsArray[i] as unknown[]
        if (fn === OPS.save) stack.push({ ctm, fill })
        else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ({ ctm, fill } = stack.pop() ?? { ctm, fill })
        else if (fn === OPS.paintFormXObjectBegin) {
          stack.push({ ctm, fill })
          if (Array.isArray(args[0])) ctm = multiply(args[0] as Matrix, ctm)
        }
        else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm)
        else if (fn === OPS.setFillRGBColor) fill = rgb(args)
        else if (fn === OPS.beginText) textMatrix = lineMatrix = [1, 0, 0, 1, 0, 0]
        else if (fn === OPS.setTextMatrix) textMatrix = lineMatrix = args as Matrix
        else if (fn === OPS.moveText) textMatrix = lineMatrix = multiply([1, 0, 0, 1, args[0] as number, args[1] as number], lineMatrix)
        else if (fn === OPS.showText) {
          const [x, y] = apply(ctm, textMatrix[4], textMatrix[5])
          textColours.push({ x, y, colour: fill })
        }
        else if (fn === OPS.constructPath) {
          const minMax = args[2] as number[] | undefined
          if (minMax && minMax.length === 4) {
            const corners = [apply(ctm, minMax[0]!, minMax[1]!), apply(ctm, minMax[2]!, minMax[3]!)]
            pending.push({ x0: Math.min(corners[0][0], corners[1][0]), x1: Math.max(corners[0][0], corners[1][0]), y0: Math.min(corners[0][1], corners[1][1]), y1: Math.max(corners[0][1], corners[1][1]) })
          }
        } else if (fn === OPS.fill || fn === OPS.eoFill) {
          for (const box of pending) rects.push({ left: box.x0 * MM, right: box.x1 * MM, top: (height - box.y1) * MM, bottom: (height - box.y0) * MM, colour: fill })
          pending = []
        } else if (fn === OPS.endPath || fn === OPS.stroke) pending = []
      })
      const content = await page.getTextContent()
      const items = content.items.filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
      const texts = items.map((item) => {
        const [, , c, d, x, y] = item.transform as Matrix
        // The vertical scale: a mark narrowed to fit the type area keeps its height.
        const size = Math.hypot(c, d) || item.height
        const baseline = (height - y) * MM
        const font = String((page.commonObjs.has(item.fontName) ? (page.commonObjs.get(item.fontName) as { name?: string }).name : undefined) ?? item.fontName)
        return {
          // A Kangxi radical the font draws with the ideograph's glyph (⼈ for 人) is read as the ideograph (issue 19).
          text: item.str.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/gu, (char) => char.normalize('NFKC')),
          left: x * MM,
          right: (x + item.width) * MM,
          baseline,
          emTop: baseline - 0.88 * size * MM,
          emBottom: baseline + 0.12 * size * MM,
          sizePt: Math.round(size * 100) / 100,
          font,
          colour: textColours.find((run) => Math.abs(run.x - x) < 0.5 && Math.abs(run.y - y) < 0.5)?.colour ?? ([0, 0, 0] as [number, number, number]),
        }
      })
      pages.push({ width: width * MM, height: height * MM, texts, rects })
      page.cleanup()
    }
    return pages
  } finally {
    await task.destroy()
  }
}

/** The printed runs of the topmost line whose text, joined, contains `wanted` (spaces ignored), left to right. */
export function findText(page: PrintedPage, wanted: string): PrintedText[] {
  const squash = (t: string) => t.replace(/\s+/gu, '')
  const target = squash(wanted)
  // Runs on one baseline, left to right, joined until they hold the text.
  const lines = new Map<number, PrintedText[]>()
  for (const text of page.texts) {
    const key = [...lines.keys()].find((k) => Math.abs(k - text.baseline) < 0.6) ?? text.baseline
    lines.set(key, [...(lines.get(key) ?? []), text])
  }
  for (const [, runs] of [...lines].sort((a, b) => a[0] - b[0])) {
    runs.sort((a, b) => a.left - b.left)
    if (squash(runs.map((r) => r.text).join('')).includes(target)) return runs
  }
  return []
}

/** Left, right, top and bottom of a line's runs, with its largest size. */
export function extent(runs: PrintedText[]): { left: number; right: number; emTop: number; emBottom: number; baseline: number; sizePt: number } {
  const main = runs.reduce((a, b) => (b.sizePt > a.sizePt ? b : a))
  return {
    left: Math.min(...runs.map((r) => r.left)),
    right: Math.max(...runs.map((r) => r.right)),
    emTop: main.emTop,
    emBottom: main.emBottom,
    baseline: main.baseline,
    sizePt: main.sizePt,
  }
}
