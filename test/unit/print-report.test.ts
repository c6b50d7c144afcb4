/** The build's summary names the pages to print again as the watch line does (PDF page and folio). */
import { describe, expect, it } from 'vitest'
import { printDiagnostics, printReport } from '../../src/cli/print-report.ts'
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

describe('printDiagnostics: what a user must act on first, routine fixes counted (issue 17)', () => {
  const at = (line: number, rule: string, message: string, severity: 'info' | 'warning' = 'info') => ({ file: '讲话.txt', line, rule, message, severity })
  const diagnostics = [
    at(1, 'import-title', '当作标题：在全县党务工作会议上的讲话'),
    at(7, 'import-heading', '没有编号，但像标题……当作一级标题：坚持党的领导'),
    ...Array.from({ length: 11 }, (_, k) => at(9 + k, 'import-lead', `段首短句与相邻段落并列，加粗为引领句：第${k}句。`)),
    at(12, 'EL-18', '标题补上编号“一、”（同级标题的编号都在各自的位置上）'),
    at(19, 'EL-18', '标题编号“1、”统一写作“1.”'),
    ...Array.from({ length: 6 }, (_, k) => at(20 + k, 'PN-3', '半角逗号改为全角“，”')),
    at(30, 'import-numbered-paragraph', '有编号“（一）”，但……', 'warning'),
  ]
  const print = (verbose: boolean) => {
    const lines: string[] = []
    printDiagnostics(diagnostics, (line) => lines.push(line), verbose)
    return lines
  }

  it('lists guesses, added numbers and warnings, and counts the rest in one line', () => {
    const lines = print(false)
    expect(lines).toHaveLength(5)
    expect(lines.slice(0, 4).map((l) => l.split('  ')[0])).toEqual(['讲话.txt:1', '讲话.txt:7', '讲话.txt:12', '讲话.txt:30'])
    expect(lines[4]).toBe('另有 18 处例行处理没有逐条列出（引领句加粗 11、标点符号 6、标题编号写法统一 1）；要看全部，加 --verbose。')
  })

  it('lists every message with verbose', () => {
    expect(print(true)).toHaveLength(diagnostics.length)
  })
})
