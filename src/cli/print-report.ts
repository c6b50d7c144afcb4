import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts'
import { namePages, type BuildReport } from '../report.ts'

/**
 * The importer's guesses an author must look at (issue 17): what the title block, the heading
 * levels and the 落款 were taken to be, and anything left out or made.
 */
const GUESSES = new Set([
  'import-title', 'import-subtitle', 'import-speaker', 'import-date', 'import-doc-number', 'import-note', 'import-salutation',
  'import-heading', 'import-numbering', 'import-markdown', 'import-attachment', 'import-signature', 'import-table', 'import-toc',
  'import-official-head', 'import-official-back',
])

/** Routine fixes, counted by what they do. */
const ROUTINE_NAMES: [RegExp, string][] = [
  [/^PN-/, '标点符号'],
  [/^import-lead$/, '引领句加粗'],
  [/^import-sequence$/, '“一是……”加粗'],
  [/^(import-run-in|EL-17)$/, '接排标题'],
  [/^import-wrapped$/, '折行合并'],
  [/^import-numbered-paragraph$/, '编号段落保留为正文'],
  [/^EL-18$/, '标题编号写法统一'],
]

/** An error, a warning, a guess to check, or a number the booklet added: printed one by one. */
export function mustCheck(d: Diagnostic): boolean {
  return d.severity !== 'info' || GUESSES.has(d.rule ?? '') || (d.rule === 'EL-18' && d.message.includes('补上编号'))
}

/**
 * The messages of a build: every one with `verbose`; otherwise what the author must act on or
 * check, in reading order, and one line counting the routine fixes.
 */
export function printDiagnostics(diagnostics: Diagnostic[], write: (line: string) => void, verbose = false): void {
  const shown = verbose ? diagnostics : diagnostics.filter(mustCheck)
  for (const d of shown) write(formatDiagnostic(d))
  const routine = diagnostics.length - shown.length
  if (routine === 0) return
  const counts = new Map<string, number>()
  for (const d of diagnostics.filter((d) => !mustCheck(d))) {
    const name = ROUTINE_NAMES.find(([pattern]) => pattern.test(d.rule ?? ''))?.[1] ?? '其他'
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n}`)
  write(`另有 ${routine} 处例行处理没有逐条列出（${parts.join('、')}）；要看全部，加 --verbose。`)
}

/** The human summary of a build, in Chinese. */
export function printReport(report: BuildReport, write: (line: string) => void, verbose = false): void {
  printDiagnostics(report.diagnostics, write, verbose)
  if (!report.ok) {
    const lost = report.preflight?.checks.some((c) => c.blocking && !c.ok)
    write(
      lost
        ? '生成失败：排版时有文字没有印出来或印了两遍（见上），未写出 PDF，上一次的 PDF 保持不变。请按上面给出的行号和文字找到那里，把那里的表格单元格或很长的段落拆小后再生成。'
        : report.preflight && !report.preflight.ok
          ? '生成失败：印前检查未通过（--strict，见上），未写出 PDF，上一次的 PDF 保持不变。'
          : '生成失败：稿件中有错误（见上），未写出 PDF。',
    )
    return
  }
  // Body pages are those from "— 1 —" on that are not blank: a letter's first page has no folio (GB/T 9704 10.1) and is one.
  const bodyPages = report.pages.filter((p) => p.folio !== null || (report.bodyStartPage >= 0 && p.index >= report.bodyStartPage && !p.blank)).length
  write(`已生成 ${report.outputs.pdf}（共 ${report.pageCount} 页，正文 ${bodyPages} 页）和 ${report.outputs.html}`)
  for (const article of report.articles) {
    write(`  ${article.folio !== null ? `第 ${article.folio} 页` : article.page >= 0 ? `PDF 第 ${article.page + 1} 页（不印页码）` : '第 ? 页'}  ${article.title}`)
  }
  if (report.preflight) {
    const failed = report.preflight.checks.filter((c) => !c.ok)
    write(failed.length ? `印前检查：${failed.length} 项未通过（${failed.map((c) => c.title).join('；')}），详见上面的警告` : `印前检查：${report.preflight.checks.length} 项全部通过`)
  }
  if (report.imposition && report.outputs.imposed) {
    const { sheets, blanks } = report.imposition
    write(`拼版文件 ${report.outputs.imposed}：${sheets.length} 张 A4 纸（双面）${blanks ? `，末尾补了 ${blanks} 个空白页` : ''}。`)
    write('  打印：纸张 A4，“实际大小”（不缩放），双面打印选“短边翻转”；整叠对折，在折线处骑马钉装订。')
  }
  if (report.changes) write(describeChanges(report))
  // Steps only: `render.layout` and the like are parts of `render`.
  const seconds = Object.entries(report.timings).filter(([step]) => !step.includes('.')).reduce((a, [, ms]) => a + ms, 0) / 1000
  write(`用时 ${seconds.toFixed(1)} 秒`)
}

/** “与上次相比，第 1、3～5 页有变化” with the folios printed on them, and the sheets to reprint. */
function describeChanges(report: BuildReport): string {
  const { pages, removed, sheets } = report.changes!
  if (pages.length === 0 && removed === 0) return '与上次生成的 PDF 相比，没有页面变化。'
  if (pages.length === 0) return `与上次生成的 PDF 相比少了 ${removed} 页，其余页面没有变化。`
  let line = `与上次相比有变化的页：${namePages(pages, report.pages)}${removed ? `；少了 ${removed} 页` : ''}，只需重印这些页。`
  if (sheets?.length) line += `\n  拼版文件中需重印：${sheets.map((s) => `第 ${s.sheet + 1} 张${s.side === 'front' ? '正面' : '反面'}`).join('、')}。`
  return line
}
