/**
 * A table as hast gives it: its rows (through thead, tbody, tfoot), each row's cells, and the
 * rows or columns a cell spans. Shared by the pipeline's table plugin and the Word importer.
 */
import type { Element } from 'hast'

const isElement = (node: unknown, ...names: string[]): node is Element =>
  (node as Element).type === 'element' && names.includes((node as Element).tagName)

export const rowsOf = (table: Element): Element[] =>
  table.children.flatMap((c) => (isElement(c, 'thead', 'tbody', 'tfoot') ? c.children : [c])).filter((r): r is Element => isElement(r, 'tr'))

export const cellsOf = (row: Element): Element[] => row.children.filter((c): c is Element => isElement(c, 'td', 'th'))

/** A whole number over 1, else 1 (a missing or mistyped span). */
export const spanOf = (cell: Element, name: 'rowSpan' | 'colSpan'): number => {
  const value = Number(cell.properties?.[name])
  return Number.isInteger(value) && value > 1 ? value : 1
}
