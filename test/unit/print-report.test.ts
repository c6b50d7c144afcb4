/** The build's summary names the pages to print again as the watch line does (PDF page and folio). */
import { describe, expect, it } from 'vitest'
import { printReport } from '../../src/cli/print-report.ts'
import type { BuildReport } from '../../src/report.ts'

const pages: BuildReport['pages'] = [null, null, null, null, 1, 2, 3, 4].map((folio, index) => ({ index, side: index % 2 ? 'left' : 'right', blank: false, folio }))

function summary(changes: BuildReport['changes']): string[] {
  const report = { ok: true, diagnostics: [], pages, pageCount: pages.length, outputs: { pdf: 'dist/booklet.pdf', html: 'dist/booklet.html' }, articles: [], preflight: null, imposition: null, changes, timings: { render: 1200 } } as unknown as BuildReport
  const lines: string[] = []
  printReport(report, (line) => lines.push(line))
  return lines
}

describe('printReport: pages changed since the last booklet', () => {
  it('names them by PDF page and folio, says when pages were lost, and when nothing changed', () => {
    expect(summary({ pages: [4, 5, 7], removed: 0 })).toContain('与上次相比有变化的页：PDF 第 5～6、8 页（页码 1～2、4），只需重印这些页。')
    expect(summary({ pages: [2], removed: 3 })).toContain('与上次相比有变化的页：PDF 第 3 页；少了 3 页，只需重印这些页。')
    // Only the end of the booklet gone: no page to print again.
    expect(summary({ pages: [], removed: 3 })).toContain('与上次生成的 PDF 相比少了 3 页，其余页面没有变化。')
    expect(summary({ pages: [], removed: 0 })).toContain('与上次生成的 PDF 相比，没有页面变化。')
    expect(summary({ pages: [], removed: 0 }).at(-1)).toBe('用时 1.2 秒')
  })
})
