/**
 * rehype plugin: which table rows may be split over a page break. A row goes over to the next
 * page whole (base.css: a row cut in two left one page with half-filled cells and the next with
 * empty ones beside the rest), unless one of its cells has more than LONG characters: such a row
 * may be taller than a page (25 lines of a 12-字 column), and it is split rather than stopping
 * the layout. Those rows are marked `may-split`.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'

const LONG = 300

export default function rehypeTableRows() {
  return (tree: Root) => {
    visit(tree, 'element', (row: Element) => {
      if (row.tagName !== 'tr') return
      const long = row.children.some((cell) => cell.type === 'element' && [...toString(cell)].length > LONG)
      if (long) row.properties = { ...row.properties, className: [...((row.properties?.className as string[] | undefined) ?? []), 'may-split'] }
    })
  }
}
