/**
 * A Word table with merged cells, written for the manuscript as an HTML table (issue 19): a
 * Markdown pipe table has no merged cells, and Word tables have them (a 学习领域 over five 科目,
 * 分年度招生任务 over three years). The pipeline reads this form back (remark/html-tables.ts).
 * Only rows, cells, their spans and the cells' text with line breaks are written; the header is
 * the first row and the rows its cells reach down over, written as <th>.
 */
import type { Element } from 'hast'
import { cellsOf, rowsOf, spanOf } from '../text/hast-table.ts'

/** The table as manuscript HTML when a cell of it is merged; undefined when a pipe table can hold it. */
export function mergedTableHtml(table: Element): string | undefined {
  const rows = rowsOf(table)
  if (!rows.some((row) => cellsOf(row).some((cell) => spanOf(cell, 'rowSpan') > 1 || spanOf(cell, 'colSpan') > 1))) return undefined
  const headerRows = Math.max(1, ...cellsOf(rows[0] ?? { type: 'element', tagName: 'tr', properties: {}, children: [] }).map((c) => Math.min(spanOf(c, 'rowSpan'), rows.length - 1)))
  const lines = rows.map((row, r) => {
    const tag = r < headerRows ? 'th' : 'td'
    const cells = cellsOf(row).map((cell) => {
      const spans = (['rowSpan', 'colSpan'] as const).map((name) => (spanOf(cell, name) > 1 ? ` ${name.toLowerCase()}="${spanOf(cell, name)}"` : '')).join('')
      return `<${tag}${spans}>${cellText(cell)}</${tag}>`
    })
    return `<tr>${cells.join('')}</tr>`
  })
  return ['<table>', ...lines, '</table>'].join('\n')
}

/** A cell's paragraphs and line breaks as lines joined by <br>, the text escaped. */
function cellText(cell: Element): string {
  const lines: string[] = ['']
  const walk = (node: Element['children'][number]) => {
    if (node.type === 'text') lines[lines.length - 1] += node.value
    if (node.type !== 'element') return
    if (node.tagName === 'br') lines.push('')
    else {
      if (['p', 'div', 'li'].includes(node.tagName) && lines.at(-1) !== '') lines.push('')
      node.children.forEach(walk)
    }
  }
  cell.children.forEach(walk)
  return lines
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .map((line) => line.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;'))
    .join('<br>')
}
