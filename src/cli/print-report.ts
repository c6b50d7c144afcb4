import { formatDiagnostic } from '../diagnostics.ts'
import type { BuildReport } from '../report.ts'

/** The human summary of a build, in Chinese. */
export function printReport(report: BuildReport, write: (line: string) => void): void {
  for (const d of report.diagnostics) write(formatDiagnostic(d))
  if (!report.ok) {
    write('生成失败：稿件中有错误（见上），未写出 PDF。')
    return
  }
  const bodyPages = report.pages.filter((p) => p.folio !== null).length
  write(`已生成 ${report.outputs.pdf}（共 ${report.pageCount} 页，正文 ${bodyPages} 页）和 ${report.outputs.html}`)
  for (const article of report.articles) {
    write(`  第 ${article.folio ?? '?'} 页  ${article.title}`)
  }
  const seconds = Object.values(report.timings).reduce((a, b) => a + b, 0) / 1000
  write(`用时 ${seconds.toFixed(1)} 秒`)
}
