/**
 * remark plugin: raw HTML never reaches the page (remark-rehype drops html nodes), but inline
 * `<script>alert(1)</script>` is parsed as tag, text, tag — dropping the tags would print
 * "alert(1)". This removes the text between an opening and closing script/style/iframe tag too,
 * and tells the author that HTML in a manuscript is ignored.
 */
import type { Parent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'

const OPENS = /^<(script|style|iframe|object|textarea|title)\b[^>]*>$/i

export default function remarkDropRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (!('children' in node)) return
      const parent = node as Parent
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i]!
        if (child.type !== 'html') continue
        file.message('稿件中的 HTML 代码不会排入小册子，已忽略', { place: child.position, source: SOURCE, ruleId: 'raw-html' })
        const tag = OPENS.exec(child.value.trim())?.[1]
        if (!tag) continue
        const close = parent.children.findIndex((c, j) => j > i && c.type === 'html' && new RegExp(`^</${tag}\\s*>$`, 'i').test(c.value.trim()))
        if (close > i) parent.children.splice(i + 1, close - i - 1)
      }
    })
  }
}
