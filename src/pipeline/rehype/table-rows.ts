/**
 * rehype plugin: which table rows may be split over a page break. A row goes over to the next
 * page whole (base.css: a row cut in two left one page with half-filled cells and the next with
 * empty ones beside the rest), unless one of its cells has more than LONG characters: such a row
 * may be taller than a page (25 lines of a 12-字 column), and it is split rather than stopping
 * the layout. Those rows are marked `may-split`. Short cells are marked `short`: they do not
 * break between their characters (base.css).
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'

const LONG = 300

/** A cell this short (科目, 必修学分, 语言与文学, 1445; a word, not a phrase) never breaks between its characters (issue 19). */
const SHORT = 6

export default function rehypeTableRows() {
  return (tree: Root) => {
    visit(tree, 'element', (row: Element) => {
      if (row.tagName !== 'tr') return
      const long = row.children.some((cell) => cell.type === 'element' && [...toString(cell)].length > LONG)
      if (long) addClass(row, 'may-split')
      // The column is then at least as wide as its longest short cell: no 科/目 stacked letter by letter.
      // Header cells are kept whole by base.css (word-break: keep-all): the data sets the column.
      for (const cell of row.children) {
        if (cell.type !== 'element' || cell.tagName !== 'td') continue
        const text = toString(cell).trim()
        if (text && [...text].length <= SHORT && !cell.children.some((c) => c.type === 'element' && c.tagName === 'br')) addClass(cell, 'short')
      }
    })
  }
}

function addClass(element: Element, name: string): void {
  element.properties = { ...element.properties, className: [...((element.properties?.className as string[] | undefined) ?? []), name] }
}
