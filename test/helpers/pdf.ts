/** Reads a produced PDF the way a reader (or a print shop) would: text, word boxes, outline, fonts. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib'

/** Text of every page (pdftotext, reading order), index 0 = first page. */
export function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
  const pages = text.split('\f')
  pages.pop() // pdftotext ends every page with a form feed
  return pages
}

export interface Word {
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

/** Word boxes of one page (0-based), in PDF points from the top-left corner. */
export function pageWords(pdf: string, index: number): Word[] {
  const page = String(index + 1)
  const xml = execFileSync('pdftotext', ['-bbox', '-f', page, '-l', page, pdf, '-'], { encoding: 'utf8' })
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! }),
  )
}

/** The folio printed on a page ("— 12 —"), or null. */
export function folioOf(text: string): number | null {
  const match = /—\s*(\d+)\s*—/.exec(text)
  return match ? Number(match[1]) : null
}

/** Text without white space and leader dots, for searching headings that may wrap. */
export function squash(text: string): string {
  return text.replace(/[\s·]+/g, '')
}

export const HAN = /\p{Script=Han}/gu

export function hanOf(text: string): string {
  return (text.match(HAN) ?? []).join('')
}

/**
 * Lines whose characters were spread over the measure (a short last line set justified):
 * pdftotext prints them with a gap between every character, or one character per line.
 */
export function stretchedLines(pageText: string): string[] {
  const lines = pageText.split('\n').map((l) => l.trim())
  const found: string[] = []
  for (const line of lines) {
    const tokens = line.split(/\s+/).filter(Boolean)
    if (tokens.length >= 3 && tokens.every((t) => [...t].length === 1)) found.push(line)
  }
  // pdftotext may put a blank line between the spread characters; blank lines do not end a run.
  let run: string[] = []
  for (const line of [...lines.filter(Boolean), '']) {
    if ([...line].length === 1 && /[\p{Script=Han}，。、；：！？]/u.test(line)) run.push(line)
    else {
      if (run.length >= 3) found.push(run.join(' '))
      run = []
    }
  }
  return found
}

export interface OutlineItem {
  title: string
  page: number
  children: OutlineItem[]
}

export async function readOutline(pdf: string): Promise<{ items: OutlineItem[]; doc: PDFDocument }> {
  const doc = await PDFDocument.load(readFileSync(pdf))
  const pageRefs = doc.getPages().map((p) => p.ref.toString())
  const lookupDict = (obj: unknown) => (obj instanceof PDFRef ? doc.context.lookup(obj) : obj) as PDFDict | undefined
  const walk = (first: unknown): OutlineItem[] => {
    const items: OutlineItem[] = []
    let node = lookupDict(first)
    while (node) {
      const title = node.get(PDFName.of('Title'))
      const dest = node.get(PDFName.of('Dest'))
      const target = dest instanceof PDFArray ? dest.get(0) : undefined
      items.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: target ? pageRefs.indexOf(target.toString()) : -1,
        children: walk(node.get(PDFName.of('First'))),
      })
      node = lookupDict(node.get(PDFName.of('Next')))
    }
    return items
  }
  const outlines = lookupDict(doc.catalog.get(PDFName.of('Outlines')))
  return { items: outlines ? walk(outlines.get(PDFName.of('First'))) : [], doc }
}

export interface PageLink {
  /** Page (0-based) the link is on. */
  page: number
  /** The named destination (an element id of the HTML). */
  name: string
  /** Page (0-based) the destination is on, -1 if it leads nowhere. */
  target: number
}

/** The internal links of a PDF (the 目录's entries), with the pages they lead to. */
export async function pageLinks(pdf: string): Promise<PageLink[]> {
  const doc = await PDFDocument.load(readFileSync(pdf))
  const pageRefs = doc.getPages().map((p) => p.ref.toString())
  const lookup = (obj: unknown) => (obj instanceof PDFRef ? doc.context.lookup(obj) : obj)
  const dests = lookup(doc.catalog.get(PDFName.of('Dests')))
  const targetOf = (name: string) => {
    const dest = dests instanceof PDFDict ? lookup(dests.get(PDFName.of(name))) : undefined
    const page = dest instanceof PDFArray ? dest.get(0) : undefined
    return page ? pageRefs.indexOf(page.toString()) : -1
  }
  return doc.getPages().flatMap((page, index) => {
    const annots = lookup(page.node.get(PDFName.of('Annots')))
    if (!(annots instanceof PDFArray)) return []
    return annots.asArray().flatMap((ref) => {
      const annot = lookup(ref)
      const dest = annot instanceof PDFDict ? annot.get(PDFName.of('Dest')) : undefined
      if (!(dest instanceof PDFName)) return []
      const name = dest.decodeText()
      return [{ page: index, name, target: targetOf(name) }]
    })
  })
}

export interface FontRow {
  name: string
  type: string
  embedded: boolean
}

export function pdfFonts(pdf: string): FontRow[] {
  const out = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
  return out.map((line) => {
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)/.exec(line)
    return { name: m?.[1] ?? line, type: m?.[2]?.trim() ?? '', embedded: m?.[4] === 'yes' }
  })
}

export interface Line {
  text: string
  xMin: number
  xMax: number
  yMin: number
}

/** Lines of one page (0-based) with their boxes, from pdftotext -bbox-layout. */
export function pageLines(pdf: string, index: number): Line[] {
  const page = String(index + 1)
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-f', page, '-l', page, pdf, '-'], { encoding: 'utf8' })
  return [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    text: [...m[4]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join(' '),
  }))
}

/**
 * Full-width lines that hold clearly fewer characters than the measure: their characters were
 * spread apart by justification (a line broken too early). Widths in 字 of `fontSize` points;
 * lines with Latin letters are skipped (their widths vary).
 */
export function underfilledLines(lines: Line[], measure: number, fontSize: number): Line[] {
  return lines.filter((line) => {
    if (/[A-Za-z]/.test(line.text)) return false
    const width = (line.xMax - line.xMin) / fontSize
    if (width < measure - 2.5) return false // a paragraph's last line or a heading, not justified
    const chars = [...line.text.replace(/\s+/g, '')].reduce((sum, c) => sum + (/[\x21-\x7e]/.test(c) ? 0.5 : 1), 0)
    // text-wrap: pretty may move up to two characters down to keep a last line from being too short.
    // (0.1 of slack: the type area is 0.05 mm wider than the grid, see page-rules.ts.)
    return width - chars > 2.1
  })
}

/** Every page drawn as a PNG (pdftoppm): equal images, equal pages as a reader sees them. */
export function pageImages(pdf: string, dpi = 50): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-pages-'))
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(dir, 'p')])
    return readdirSync(dir)
      .sort()
      .map((name) => readFileSync(join(dir, name)))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
