/**
 * Print production (issue 5), with a real browser: the imposed PDF, the build's own preflight,
 * byte-identical rebuilds, the pages that changed after an edit, and --strict.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { A4_LANDSCAPE } from '../../src/pdf/impose.ts'
import type { BuildReport } from '../../src/report.ts'
import { readPdfText } from '../../src/pdf/pdf-text.ts'
import { hanOf, pageTexts } from '../helpers/pdf.ts'

const root = resolve(import.meta.dirname, '../..')

/** Han text inside a rectangle of one page (pdftotext's crop box, in points). */
function hanIn(pdf: string, page: number, x: number, width: number): string {
  const args = ['-f', String(page + 1), '-l', String(page + 1), '-x', String(Math.round(x)), '-y', '0', '-W', String(Math.round(width)), '-H', '1000', '-r', '72', pdf, '-']
  return hanOf(execFileSync('pdftotext', args, { encoding: 'utf8' }))
}

describe('print production', () => {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-print-'))
  const manuscript = join(dir, 'manuscript')
  let first: BuildReport
  let firstPdf: Buffer
  let firstTexts: string[]

  beforeAll(async () => {
    cpSync(join(root, 'test/fixtures/projects/multi'), manuscript, { recursive: true })
    first = await build({ input: manuscript, outDir: join(dir, 'a'), impose: true, marks: true, cwd: dir })
    expect(first.ok).toBe(true)
    firstPdf = readFileSync(join(dir, 'a/booklet.pdf'))
    firstTexts = pageTexts(join(dir, 'a/booklet.pdf'))
  })

  it('passes its own preflight and reports every check', () => {
    expect(first.preflight!.checks.filter((c) => !c.ok)).toEqual([])
    expect(first.preflight!.checks.map((c) => c.id)).toEqual(['toc-pages', 'line-marks', 'text-complete', 'fonts-embedded', 'role-fonts', 'blank-folios', 'text-layer', 'heading-foot', 'one-char-line', 'stretched-lines', 'lone-lines', 'facing-pages', 'folio-sides', 'page-count'])
  })

  it('imposes the A5 pages two per A4 landscape side in saddle-stitch order, padded to a multiple of 4', async () => {
    const imposed = join(dir, 'a/booklet-imposed.pdf')
    const { sheets, pageCount, blanks } = first.imposition!
    expect(pageCount % 4).toBe(0)
    expect(pageCount).toBe(first.pageCount + blanks)
    const doc = await PDFDocument.load(readFileSync(imposed))
    expect(doc.getPageCount()).toBe(sheets.length * 2)
    expect(doc.getPage(0).getWidth()).toBeCloseTo(A4_LANDSCAPE.width, 1)
    const half = A4_LANDSCAPE.width / 2
    sheets.flatMap((s) => [s.front, s.back]).forEach((side, i) => {
      expect(hanIn(imposed, i, 0, half), `side ${i + 1} left`).toBe(side.left === null ? '' : hanOf(firstTexts[side.left]!))
      expect(hanIn(imposed, i, half, half), `side ${i + 1} right`).toBe(side.right === null ? '' : hanOf(firstTexts[side.right]!))
    })
    // The cover is the right half of the first side; the added blanks are at the end.
    expect(sheets[0]!.front.right).toBe(0)
  })

  it('gives byte-identical PDFs when the same manuscript is built again', async () => {
    const again = await build({ input: manuscript, outDir: join(dir, 'b'), impose: true, marks: true, cwd: dir })
    expect(again.changes).toBeNull()
    expect(readFileSync(join(dir, 'b/booklet.pdf')).equals(firstPdf)).toBe(true)
    expect(readFileSync(join(dir, 'b/booklet-imposed.pdf')).equals(readFileSync(join(dir, 'a/booklet-imposed.pdf')))).toBe(true)
  })

  it('says which pages and sheets changed after a one-paragraph edit, and only those', async () => {
    const file = join(manuscript, 'short.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('参加人数10～20人', '参加人数30～40人'))
    const edited = await build({ input: manuscript, outDir: join(dir, 'a'), impose: true, cwd: dir })
    const texts = pageTexts(join(dir, 'a/booklet.pdf'))
    const differing = texts.flatMap((t, i) => (t === firstTexts[i] ? [] : [i]))
    expect(differing.length).toBeGreaterThan(0)
    expect(edited.changes!.pages).toEqual(differing)
    const changed = new Set(differing)
    expect(edited.changes!.sheets).toEqual(
      edited.imposition!.sheets.flatMap((s, i) =>
        (['front', 'back'] as const).filter((side) => [s[side].left, s[side].right].some((p) => p !== null && changed.has(p))).map((side) => ({ sheet: i, side })),
      ),
    )
  })

  it('samples each role from text set in that role: an article opening with quotations is no FN-5 warning', async () => {
    // Quoted paragraphs are 楷体 (with a 黑体 run), also inside a list: none of them is 仿宋 text.
    const quotes = '> 引用里有**加粗的话**和楷体文字。\n\n> 第二段引用。\n\n- 列表\n\n  > 列表里的引用。\n  >\n  > > 更深的引用。\n\n'
    writeFileSync(join(dir, 'quotes.md'), `---\ntitle: 引用\n---\n\n${quotes}正文第一段，用仿宋。\n`)
    const report = await build({ input: join(dir, 'quotes.md'), outDir: join(dir, 'q'), cwd: dir })
    expect(report.diagnostics.filter((d) => d.rule === 'FN-5')).toEqual([])
    expect(report.fonts.filter((f) => f.role === 'fs' || f.role === 'kai').map((f) => [f.role, f.source, f.used.map((u) => u.family)])).toEqual([
      ['kai', 'bundled', ['FandolKai']],
      ['fs', 'bundled', ['FandolFang R']],
    ])
  })

  it('--strict refuses to replace the previous PDF when a check fails', async () => {
    const pdf = join(dir, 'a/booklet.pdf')
    const before = readFileSync(pdf)
    // 镕 is not in FandolFang: drawn by the fallback face, which the role-font check (FN-5) reports.
    writeFileSync(join(dir, 'rare.md'), '---\ntitle: 生僻字\n---\n\n正文里有一个不常用的字：镕。\n')
    const report = await build({ input: join(dir, 'rare.md'), outDir: join(dir, 'a'), strict: true, cwd: dir })
    expect(report.ok).toBe(false)
    expect(report.preflight!.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(['role-fonts'])
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['FN-5'])
    expect(readFileSync(pdf).equals(before)).toBe(true)
    const lenient = await build({ input: join(dir, 'rare.md'), outDir: join(dir, 'c'), cwd: dir })
    expect(lenient.ok).toBe(true)
    expect(lenient.diagnostics.filter((d) => d.rule === 'FN-5').map((d) => d.severity)).toEqual(['warning', 'warning'])
  })

  it('lays out table cells taller than a page side by side with nothing lost (pagedjs#154); a character no font has is not counted as lost', async () => {
    // Paged.js 0.4.3 dropped lines where a table cell taller than a page was split (pagedjs#154):
    // each page's part of the table sized its columns anew. With the table's own column widths
    // on every page (issue 19) the cells go on where they stopped.
    const speech = readFileSync(join(root, 'manuscript/01-party-work-meeting-speech.md'), 'utf8').replace(/[^\p{Script=Han}，。]/gu, '')
    mkdirSync(join(dir, 'tall'))
    writeFileSync(join(dir, 'tall/01-前言.md'), '# 前言\n\n正文一段。\n')
    writeFileSync(join(dir, 'tall/02-表格.md'), `# 表\n\n前面一段正文。\n\n| 项目 | 内容 | 说明 |\n|---|---|---|\n| 要点 | ${speech.slice(0, 3600)} | ${speech.slice(3600, 5600)} |\n`)
    const tall = await build({ input: join(dir, 'tall'), outDir: join(dir, 'tall-out'), cwd: dir })
    expect(tall.ok).toBe(true)
    expect(tall.preflight!.checks.find((c) => c.id === 'text-complete')!.ok).toBe(true)
    expect(readFileSync(join(dir, 'tall-out/booklet.pdf')).length).toBeGreaterThan(0)
    writeFileSync(join(dir, 'box.md'), '---\ntitle: 生僻字\n---\n\n正文里有一个哪个字体都没有的字：𪚥。\n')
    const box = await build({ input: join(dir, 'box.md'), outDir: join(dir, 'd'), cwd: dir })
    expect(box.ok).toBe(true)
    expect(box.preflight!.checks.find((c) => c.id === 'text-complete')!.ok).toBe(true)
    expect(box.diagnostics.find((d) => d.rule === 'FN-5')!.message).toContain('方框')
  })
})

describe('the official A4 preset (GB/T 9704)', () => {
  const A4 = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 }
  const typeArea = { left: (28 / 25.4) * 72, top: (37 / 25.4) * 72, width: (156 / 25.4) * 72, height: (225 / 25.4) * 72 }
  let report: BuildReport
  let pages: Awaited<ReturnType<typeof readPdfText>>

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-gongwen-'))
    report = await build({ input: join(root, 'manuscript/01-party-work-meeting-speech.md'), outDir: dir, preset: 'gongwen-a4', cwd: root })
    expect(report.ok).toBe(true)
    pages = await readPdfText(new Uint8Array(readFileSync(join(dir, 'booklet.pdf'))))
  })

  const body = (page: (typeof pages)[number]) => page.lines.filter((l) => !/^—\s*\d+\s*—$/.test(l.text.trim()))
  /**
   * Width of a line in grid cells: Han and full-width marks 1, ASCII ½; two marks side by side
   * take 1½ (LC-4 compression), and an opening mark at the start of a line ½ (text-spacing-trim).
   */
  const MARKS = /[，、。；：“”《》（）]/u
  const cells = (text: string) => {
    const chars = [...text]
    let n = chars.reduce((sum, c) => sum + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0)
    chars.forEach((c, i) => {
      if (i > 0 && MARKS.test(c) && MARKS.test(chars[i - 1]!)) n -= 0.5
    })
    return /^[“《（]/u.test(text) ? n - 0.5 : n
  }

  it('is A4 with no cover and no 目录: the title opens page 1, numbered — 1 —', () => {
    expect(pages[0]!.width).toBeCloseTo(A4.width, 1)
    expect(pages[0]!.height).toBeCloseTo(A4.height, 1)
    expect(report.bodyStartPage).toBe(0)
    expect(body(pages[0]!)[0]!.text).toBe('在全县党务工作会议上的讲话')
    expect(body(pages[0]!)[0]!.size).toBeCloseTo(22, 0)
    expect(report.preflight!.checks.filter((c) => !c.ok)).toEqual([])
  })

  it('sets 22 lines on a full page, on a 225 mm / 22 pitch inside the type area', () => {
    const counts = pages.map((p) => body(p).length)
    expect(Math.max(...counts)).toBe(22)
    const full = pages.find((p) => body(p).length === 22)!
    const lines = body(full)
    const pitch = (lines[0]!.y - lines.at(-1)!.y) / 21
    expect(pitch).toBeCloseTo(typeArea.height / 22, 1)
    // The first baseline sits in the first line of the type area, the last in the 22nd.
    expect(A4.height - lines[0]!.y).toBeGreaterThan(typeArea.top)
    expect(A4.height - lines.at(-1)!.y).toBeLessThan(typeArea.top + typeArea.height)
  })

  it('sets 28 characters on a full line, filling the 156 mm measure, 26 after the 2-字 indent', () => {
    const lines = pages.flatMap(body).filter((l) => l.size < 17 && /^[\p{Script=Han}，、。；：“”《》（）]+$/u.test(l.text))
    const full = lines.filter((l) => Math.abs(l.xMax - l.xMin - typeArea.width) < 2)
    expect(full.length).toBeGreaterThan(50)
    // Fewer only where the last characters must go to the next line with a mark that may not
    // start a line (合力。, 县工会”。): that line is justified, as LC-2 wants.
    const counts = full.map((l) => cells(l.text))
    expect(counts.filter((n) => n === 28).length / counts.length).toBeGreaterThan(0.85)
    expect(Math.max(...counts)).toBe(28)
    const indented = lines.filter((l) => l.xMin > typeArea.left + 20 && l.xMin < typeArea.left + 40 && l.xMax > typeArea.left + typeArea.width - 2)
    expect(indented.length).toBeGreaterThan(5)
    expect(Math.max(...indented.map((l) => cells(l.text)))).toBe(26)
    expect(indented.filter((l) => cells(l.text) === 26).length / indented.length).toBeGreaterThan(0.7)
  })

  it('prints — n — in 4号 7 mm below the type area, 1 字 in from the outer edge', () => {
    for (const [i, page] of pages.entries()) {
      const folio = page.lines.find((l) => /^—\s*\d+\s*—$/.test(l.text.trim()))!
      expect(folio.text.replace(/\s/g, '')).toBe(`—${i + 1}—`)
      expect(folio.size).toBeCloseTo(14, 0)
      const below = A4.height - folio.y - (typeArea.top + typeArea.height)
      expect(below / (72 / 25.4)).toBeGreaterThan(7)
      expect(below / (72 / 25.4)).toBeLessThan(14)
      // Odd pages (right-hand) have the binding margin on the left; 1 字 of 4号 is 14 pt.
      const left = i % 2 === 0 ? typeArea.left : A4.width - typeArea.left - typeArea.width
      if (i % 2 === 0) expect(left + typeArea.width - folio.xMax).toBeCloseTo(14, -0.5)
      else expect(folio.xMin - left).toBeCloseTo(14, -0.5)
    }
  })
})
