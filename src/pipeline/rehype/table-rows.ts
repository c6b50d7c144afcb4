/**
 * rehype plugin: which table rows may be split over a page break. A row goes over to the next
 * page whole (base.css: a row cut in two left one page with half-filled cells and the next with
 * empty ones beside the rest), unless one of its cells has more than LONG characters: such a row
 * may be taller than a page (25 lines of a 12-字 column), and it is split rather than stopping
 * the layout. Those rows are marked `may-split`. Short cells are marked `short`: they do not
 * break between their characters (base.css).
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { addClass } from '../../text/hast-class.ts'
import { cellsOf, rowsOf, spanOf } from '../../text/hast-table.ts'

const LONG = 300

/** A cell this short (科目, 必修学分, 语言与文学, 1445; a word, not a phrase) never breaks between its characters (issue 19). */
const SHORT = 6

export default function rehypeTableRows() {
  return (tree: Root) => {
    visit(tree, 'element', (table: Element) => {
      if (table.tagName !== 'table') return
      headerRowsToHead(table)
      dropEmptyColumns(table)
    })
    visit(tree, 'element', (row: Element) => {
      if (row.tagName !== 'tr') return
      const long = row.children.some((cell) => cell.type === 'element' && [...toString(cell)].length > LONG)
      if (long) addClass(row, 'may-split')
      // The column is then at least as wide as its longest short cell: no 科/目 stacked letter by letter.
      // Header cells are kept whole by base.css (word-break: keep-all): the data sets the column.
      // A cell of short lines (语言<br>与文学) is short too: each line stays whole.
      for (const cell of row.children) {
        if (cell.type !== 'element' || cell.tagName !== 'td') continue
        const lines = linesOf(cell)
        if (lines.some(Boolean) && lines.every((line) => [...line].length <= SHORT)) addClass(cell, 'short')
      }
    })
  }
}

/**
 * A header of several rows (an HTML table's 省（市） over two rows beside 1996年 1997年 1998年):
 * the rows after the first that hold only header cells join it in the head, which Paged.js
 * repeats on the pages the table continues on.
 */
function headerRowsToHead(table: Element): void {
  const [head, body] = ['thead', 'tbody'].map((name) => table.children.find((c): c is Element => c.type === 'element' && c.tagName === name))
  if (!head || !body) return
  const isRow = (c: ElementContent): c is Element => c.type === 'element' && c.tagName === 'tr'
  while (true) {
    const next = body.children.find(isRow)
    const cells = next?.children.filter((c): c is Element => c.type === 'element')
    if (!next || !cells?.length || cells.some((c) => c.tagName !== 'th')) return
    body.children.splice(body.children.indexOf(next), 1)
    head.children.push(next)
  }
}

/** A cell's text, line by line (its `<br>`s), trimmed. */
function linesOf(cell: Element): string[] {
  const lines = ['']
  visit(cell, (node) => {
    if (node.type === 'text') lines[lines.length - 1] += node.value
    else if (node.type === 'element' && node.tagName === 'br') lines.push('')
  })
  return lines.map((line) => line.trim())
}

/**
 * A column empty in every row is not printed (issue 19: Word's tables often end in one, a grid
 * column no cell uses). Only cells of that one column are dropped; a merged cell across it stays.
 * The same for a row empty in every cell that no merged cell reaches into.
 */
function dropEmptyColumns(table: Element): void {
  const rows = rowsOf(table)
  // Which cell covers each grid place: rows × columns.
  const grid: (Element | undefined)[][] = rows.map(() => [])
  rows.forEach((row, r) => {
    let column = 0
    for (const cell of cellsOf(row)) {
      while (grid[r]![column]) column++
      for (let dr = 0; dr < spanOf(cell, 'rowSpan') && r + dr < rows.length; dr++)
        for (let dc = 0; dc < spanOf(cell, 'colSpan'); dc++) grid[r + dr]![column + dc] = cell
      column += spanOf(cell, 'colSpan')
    }
  })
  // A row empty in every cell (Word's tables often end in one) is not printed either.
  rows.forEach((row, r) => {
    const cells = cellsOf(row)
    if (rows.length > 1 && cells.length > 0 && cells.every((cell) => spanOf(cell, 'rowSpan') === 1 && toString(cell).trim() === '' && !hasContent(cell)) && grid[r]!.every((cell) => !cell || cells.includes(cell))) {
      for (const section of table.children) if (section.type === 'element') section.children = section.children.filter((c) => c !== row)
      table.children = table.children.filter((c) => c !== row)
    }
  })
  const width = Math.max(0, ...grid.map((row) => row.length))
  const doomed = new Set<Element>()
  let dropped = 0
  for (let column = 0; column < width; column++) {
    const cells = new Set(grid.map((row) => row[column]))
    const empty = [...cells].every((cell) => !cell || (spanOf(cell, 'colSpan') === 1 && toString(cell).trim() === '' && !hasContent(cell)))
    // Never the last column left (an empty table stays a table).
    if (!empty || dropped === width - 1) continue
    dropped++
    for (const cell of cells) if (cell) doomed.add(cell)
  }
  if (doomed.size === 0) return
  for (const row of rows) row.children = row.children.filter((c) => !(c.type === 'element' && doomed.has(c)))
}

/** A picture counts as content. */
const hasContent = (cell: Element): boolean => cell.children.some((c) => c.type === 'element' && (c.tagName === 'img' || hasContent(c)))
