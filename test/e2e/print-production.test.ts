/**
 * Print production (issue 5), with a real browser: the imposed PDF, the build's own preflight,
 * byte-identical rebuilds, the pages that changed after an edit, and --strict.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { A4_LANDSCAPE } from '../../src/pdf/impose.ts'
import type { BuildReport } from '../../src/report.ts'
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
    expect(first.preflight!.checks.map((c) => c.id)).toEqual(['toc-pages', 'line-marks', 'text-complete', 'fonts-embedded', 'role-fonts', 'blank-folios', 'folio-sides', 'page-count'])
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

  it('--strict refuses to replace the previous PDF when a check fails', async () => {
    const pdf = join(dir, 'a/booklet.pdf')
    const before = readFileSync(pdf)
    writeFileSync(join(dir, 'rare.md'), '---\ntitle: 生僻字\n---\n\n正文里有一个生僻字：𪚥。\n')
    const report = await build({ input: join(dir, 'rare.md'), outDir: join(dir, 'a'), strict: true, cwd: dir })
    expect(report.ok).toBe(false)
    expect(report.preflight!.ok).toBe(false)
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toContain('TP-1')
    expect(readFileSync(pdf).equals(before)).toBe(true)
    const lenient = await build({ input: join(dir, 'rare.md'), outDir: join(dir, 'c'), cwd: dir })
    expect(lenient.ok).toBe(true)
    expect(lenient.diagnostics.find((d) => d.rule === 'TP-1')?.severity).toBe('warning')
  })
})
