/**
 * The check for stretched lines must be able to fail: print a page whose short last line is
 * justified (what Paged.js does to a paragraph that ends on a page's last line) with the same
 * browser, and make sure the detector finds it — and finds nothing in the same text set normally.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readPdfText } from '../../src/pdf/pdf-text.ts'
import { preflight } from '../../src/pdf/preflight.ts'
import { locateBrowser } from '../../src/render/locate-browser.ts'
import { pageTexts, stretchedLines } from '../helpers/pdf.ts'

function printedPdf(alignLast: 'justify' | 'start'): string {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-stretch-'))
  const fangsong = join(import.meta.dirname, '../../fonts/fandol/FandolFang-Regular.ttf')
  writeFileSync(
    join(dir, 'page.html'),
    `<!doctype html><html lang="zh-CN"><style>
      @font-face { font-family: F; src: url("file://${fangsong}"); }
      p { font: 12pt/22.5pt F; width: 312pt; text-align: justify; text-align-last: ${alignLast}; text-indent: 2em; }
    </style><p>各党务部门和广大党务工作者要坚持以党的旗帜为旗帜、以党的方向为方向、以党的意志为意志，自觉听党话、坚定跟党走的坚定。</p></html>`,
  )
  const pdf = join(dir, 'page.pdf')
  execFileSync(locateBrowser(), [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--allow-file-access-from-files',
    `--user-data-dir=${join(dir, 'profile')}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    `file://${join(dir, 'page.html')}`,
  ], { stdio: 'ignore' })
  return pdf
}

const printed = (alignLast: 'justify' | 'start') => pageTexts(printedPdf(alignLast)).join('\n')

/** The preflight's own check (LC-9, issue 19), on the glyph positions of the same print. */
async function preflightFinds(alignLast: 'justify' | 'start'): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(printedPdf(alignLast)))
  const pages = await readPdfText(bytes)
  const result = await preflight({ pdf: bytes, pages, bodyStartPage: 0, hasCover: false, toc: [], manuscriptHan: '', fonts: [], missingFonts: [] })
  return result.checks.find((c) => c.id === 'stretched-lines')!.problems
}

describe('stretched-line detector', () => {
  it('finds a justified short last line', () => {
    expect(stretchedLines(printed('justify')).length).toBeGreaterThan(0)
  })

  it('finds nothing when the last line is set flush left', () => {
    expect(stretchedLines(printed('start'))).toEqual([])
  })

  it('is what the preflight finds from the glyph positions too (LC-9), and only there', async () => {
    expect(await preflightFinds('justify')).toHaveLength(1)
    expect(await preflightFinds('start')).toEqual([])
  })
})
