/**
 * Before layout the page loads the faces its text is drawn with, and no others (issue 6: a face
 * costs the renderer time to fetch and decode). Down a role's font stack a family gets only the
 * characters the families before it lack: the 仿宋 body is drawn by FandolFang, so the Noto Serif
 * SC slices behind it in the stack are fetched only for the few characters FandolFang has no
 * glyph for — names such as 喆 and 璟 — and those must still come out in Noto Serif SC, loaded
 * before layout (FN-6), not as boxes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { openBrowser, type BrowserSession } from '../../src/render/render-pdf.ts'
import type { BuildReport } from '../../src/report.ts'
import { pageTexts, pdfFonts } from '../helpers/pdf.ts'

const root = resolve(import.meta.dirname, '../..')

describe('fonts loaded before layout', () => {
  const work = mkdtempSync(join(tmpdir(), 'booklet-font-loading-'))
  let session: BrowserSession
  let report: BuildReport
  let fetched: string[]
  beforeAll(async () => {
    // Some 6 000 characters of a real speech: its Han characters fall in dozens of Noto slices.
    const speech = readFileSync(join(root, 'test/fixtures/import/party-work-meeting-speech.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.length > 60)
      .join('\n\n')
    mkdirSync(join(work, 'manuscript'))
    writeFileSync(join(work, 'manuscript/讲话.md'), `---\ntitle: 在全县党务工作会议上的讲话\n---\n\n${speech}\n\n会议由张喆、王璟主持。\n`)
    session = await openBrowser({})
    report = await build({ input: join(work, 'manuscript'), outDir: join(work, 'out'), session })
    fetched = await session.page!.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').pop()!))
  }, 120_000)
  afterAll(() => session?.close())

  it('fetches the Noto Serif SC slices for what FandolFang lacks, not for the whole 仿宋 body', () => {
    expect(report.ok).toBe(true)
    const serif400 = fetched.filter((file) => /^noto-serif-sc-.*-400-normal\.woff2$/.test(file))
    const sans500 = fetched.filter((file) => /^noto-sans-sc-.*-500-normal\.woff2$/.test(file))
    // Before: every slice the body’s characters fall in (26); now those of 喆 and 璟 and of the
    // page numbers, 目录 and leaders set in 宋体 (6).
    expect(serif400.length).toBeGreaterThan(0)
    expect(serif400.length).toBeLessThanOrEqual(8)
    // The 黑体 headings still get all the slices their own characters need.
    expect(sans500.length).toBeGreaterThan(0)
    expect(fetched).toContain('FandolFang-Regular.ttf')
  })

  it('still draws 喆 and 璟 in Noto Serif SC, loaded before layout', () => {
    const pdf = join(work, 'out/booklet.pdf')
    expect(pageTexts(pdf).join('')).toContain('会议由张喆、王璟主持')
    expect(pdfFonts(pdf).some((font) => /NotoSerifSC.*-Regular/.test(font.name))).toBe(true)
    const fn6 = report.preflight!.checks.find((check) => check.rule === 'FN-6')
    expect(fn6?.ok ?? true).toBe(true)
    expect(report.diagnostics.filter((d) => d.rule === 'FN-6')).toEqual([])
    // Said to the author, as before: the names are drawn from another face.
    expect(report.diagnostics.filter((d) => d.rule === 'FN-5').map((d) => d.message)).toEqual([
      expect.stringMatching(/^“喆”（U\+5586）不在仿宋字体 FandolFang 中，改用 Noto Serif SC 显示/),
      expect.stringMatching(/^“璟”（U\+749F）不在仿宋字体 FandolFang 中，改用 Noto Serif SC 显示/),
    ])
  })
})
