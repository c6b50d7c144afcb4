/**
 * remark plugin: raw HTML never reaches the page (remark-rehype drops html nodes), but inline
 * `<script>alert(1)</script>` is parsed as tag, text, tag — dropping the tags would print
 * "alert(1)". This removes the text between an opening and closing script/style/iframe tag too,
 * and tells the author that HTML in a manuscript is ignored: once per file, with the count and
 * the lines (a table pasted from a web page can hold hundreds of tags).
 *
 * One exception: `<br>` inside a paragraph, heading or table cell is the usual way to break a
 * line in a GFM table cell, so it becomes a Markdown line break (an empty hast `br`, which the
 * Markdown `\` line end makes too) — no attribute and nothing else of the tag is kept.
 */
import type { Break, Parent, Root } from 'mdast'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'

const OPENS = /^<(script|style|iframe|object|textarea|title)\b[^>]*>$/i
const LINE_BREAK = /^<br\b[^>]*>$/i
/** Where a line break is phrasing content: not at block level, where `<br>` alone on a line would be a paragraph of its own. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference'])
/** Lines listed in the grouped message; more are summed up with 等. */
const LINES_SHOWN = 5

export default function remarkDropRawHtml() {
  return (tree: Root, file: VFile) => {
    const dropped: (Position | undefined)[] = []
    visit(tree, (node) => {
      if (!('children' in node)) return
      const parent = node as Parent
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i]!
        if (child.type !== 'html') continue
        if (LINE_BREAK.test(child.value.trim()) && PHRASING_PARENTS.has(parent.type)) {
          parent.children[i] = { type: 'break', ...(child.position ? { position: child.position } : {}) } satisfies Break
          continue
        }
        dropped.push(child.position)
        const tag = OPENS.exec(child.value.trim())?.[1]
        if (!tag) continue
        const close = parent.children.findIndex((c, j) => j > i && c.type === 'html' && new RegExp(`^</${tag}\\s*>$`, 'i').test(c.value.trim()))
        if (close > i) parent.children.splice(i + 1, close - i - 1)
      }
    })
    if (dropped.length === 0) return
    const lines = [...new Set(dropped.map((p) => p?.start.line).filter((l): l is number => l !== undefined))]
    const where = dropped.length > 1 && lines.length > 0 ? `（共 ${dropped.length} 处，在第 ${lines.slice(0, LINES_SHOWN).join('、')} 行${lines.length > LINES_SHOWN ? '等' : ''}）` : ''
    file.message(`稿件中的 HTML 代码不会排入小册子，已忽略${where}`, { place: dropped[0], source: SOURCE, ruleId: 'raw-html' })
  }
}
