/**
 * remark plugin: a table written in HTML (`<table>` with `rowspan`/`colspan`) becomes a table of
 * the booklet with its merged cells (issue 19). A Markdown pipe table cannot merge cells, and the
 * tables of real documents do: a 学习领域 over five 科目, a 分年度招生任务 over three years. `booklet
 * import` writes such a Word table in this form; authors may too.
 *
 * Only the table survives: rows and cells with their `rowspan`/`colspan` (whole numbers), and in a
 * cell its text, line breaks and bold/italic. Every other tag and attribute is dropped (the page
 * never sees author HTML). The header is the cells given as `<th>`; in a table without any (Word
 * has no header cells), the first row and the rows its cells span down over.
 *
 * The table becomes an mdast `table` whose cells carry their spans (and `th`) as hast data, so
 * every later plugin (punctuation, asterisks, font coverage) reads its text as in any table.
 * A blank line inside the HTML ends CommonMark's HTML block: the nodes up to `</table>` are joined
 * again from the source.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toMdast } from 'hast-util-to-mdast'
import type { PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast'
import type { Point, Position } from 'unist'
import { visit } from 'unist-util-visit'
import { cellsOf } from '../../text/hast-table.ts'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'

const OPENS_TABLE = /^\s*<table\b/i
const CLOSES_TABLE = /<\/table\s*>\s*$/i
const CELL_TAGS = new Set(['td', 'th'])
/** More than any page can hold: a larger span is a typing mistake, read as 1. */
const MAX_SPAN = 100

export default function remarkHtmlTables() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    visit(tree, (node) => {
      if (!('children' in node) || (node.type !== 'root' && node.type !== 'blockquote' && node.type !== 'listItem')) return
      const children = node.children as RootContent[]
      for (let i = 0; i < children.length; i++) {
        const first = children[i]!
        if (first.type !== 'html' || !OPENS_TABLE.test(first.value)) continue
        // The nodes up to the one that closes the table (a blank line in the HTML split it).
        let last = i
        while (last < children.length - 1 && !(children[last]!.type === 'html' && CLOSES_TABLE.test((children[last] as { value: string }).value))) last++
        const start = first.position?.start
        const end = children[last]!.position?.end
        const html = start?.offset !== undefined && end?.offset !== undefined ? source.slice(start.offset, end.offset) : first.value
        const table = tableOf(html, start)
        if (!table) {
          file.message('这段 HTML 表格中没有一个单元格，已忽略', { place: first.position, source: SOURCE, ruleId: 'html-table' })
          continue
        }
        children.splice(i, last - i + 1, table)
      }
    })
  }
}

/** The HTML's first table as an mdast table, or undefined when it has no cell. */
function tableOf(html: string, start: Point | undefined): Table | undefined {
  const fragment = fromHtml(html, { fragment: true })
  const rows: Element[] = []
  const walk = (node: HastRoot | HastContent) => {
    if (node.type === 'element' && node.tagName === 'tr') rows.push(node)
    else if ('children' in node && !(node.type === 'element' && CELL_TAGS.has(node.tagName))) node.children.forEach(walk)
  }
  walk(fragment)
  const withCells = rows.filter((row) => cellsOf(row).length > 0)
  if (withCells.length === 0) return undefined
  const anyTh = withCells.some((row) => cellsOf(row).some((c) => c.tagName === 'th'))
  const headerRows = Math.max(1, ...cellsOf(withCells[0]!).map((c) => Math.min(Number(c.properties?.rowSpan) || 1, withCells.length - 1)))
  const position = (node: { position?: Position | undefined }) => shifted(node.position, start)
  return {
    type: 'table',
    children: withCells.map((row, r): TableRow => ({
      type: 'tableRow',
      children: cellsOf(row).map((cell): TableCell => {
        const header = anyTh ? cell.tagName === 'th' : r < headerRows
        const span = (name: 'rowSpan' | 'colSpan') => {
          const value = Number(cell.properties?.[name])
          return Number.isInteger(value) && value > 1 && value <= MAX_SPAN ? value : undefined
        }
        const hProperties = { ...(span('rowSpan') ? { rowSpan: span('rowSpan') } : {}), ...(span('colSpan') ? { colSpan: span('colSpan') } : {}) }
        return { type: 'tableCell', children: phrasingOf(cell, start), data: { hName: header ? 'th' : 'td', hProperties }, ...withPosition(position(cell)) }
      }),
      ...withPosition(position(row)),
    })),
  }
}

/** A cell's content as Markdown inline content: paragraphs and line breaks become breaks. */
function phrasingOf(cell: Element, start: Point | undefined): PhrasingContent[] {
  const mdast = toMdast({ type: 'root', children: cell.children }) as Root
  const out: PhrasingContent[] = []
  const add = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'paragraph' || node.type === 'heading') {
        if (out.length > 0) out.push({ type: 'break' })
        out.push(...(node.children as PhrasingContent[]).map((child) => located(child, start)))
      } else if (KEPT.has(node.type)) out.push(located(node as PhrasingContent, start))
      else if ('children' in node) add(node.children as RootContent[])
    }
  }
  add(mdast.children)
  while (out[0]?.type === 'break') out.shift()
  while (out.at(-1)?.type === 'break') out.pop()
  return out
}

/**
 * Source places for the text (messages name the line; `check --fix` writes back there) — only for
 * a text the source spells exactly (no entity such as &amp;), else none.
 */
function located<T extends PhrasingContent>(node: T, start: Point | undefined): T {
  const position = shifted(node.position, start)
  if ('children' in node) (node as { children: PhrasingContent[] }).children = node.children.map((child) => located(child, start))
  const { position: _dropped, ...rest } = node
  const spelled = node.type !== 'text' || (position && position.end.offset! - position.start.offset! === node.value.length)
  return (spelled && position ? { ...rest, position } : rest) as T
}

/** A position in the HTML fragment, as a position in the manuscript. */
function shifted(position: Position | undefined, start: Point | undefined): Position | undefined {
  if (!position || !start || start.offset === undefined || position.start.offset === undefined || position.end.offset === undefined) return undefined
  const point = (p: Point): Point => ({
    line: p.line + start.line - 1,
    column: p.line === 1 ? p.column + start.column - 1 : p.column,
    offset: p.offset! + start.offset!,
  })
  return { start: point(position.start), end: point(position.end) }
}

/** Inline content a cell keeps; a link keeps its text only (the page has no links to follow). */
const KEPT = new Set(['text', 'break', 'inlineCode', 'strong', 'emphasis', 'delete'])

const withPosition = (position: Position | undefined) => (position ? { position } : {})
