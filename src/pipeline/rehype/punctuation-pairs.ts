/**
 * rehype plugin: TP-3, the fallback for 标点挤压 (clreq; LC-5). Two adjacent full-width marks
 * (`。”`, `），`, `：“`) should take 1.5 字, not 2. Chromium does this itself through
 * `text-spacing-trim` — but only with fonts that have the OpenType `halt` feature. The marks get
 * spans here; the stylesheet pulls them half a 字 together only when the page found that the
 * body font lacks `halt` (class `tp3` on <html>, set in src/render/in-page/paginate.js), so the
 * two mechanisms never trim twice.
 */
import type { Element, ElementContent, Root, Text } from 'hast'
import { SKIP, visit } from 'unist-util-visit'

const CLOSING = '。，、；：！？）】》」』”’〕〉'
const OPENING = '（【《「『“‘〔〈'
const MARK = `[${CLOSING}${OPENING}]`
/** A closing mark before another mark, or an opening mark after one. */
const PAIR = new RegExp(`[${CLOSING}](?=${MARK})|(?<=${MARK})[${OPENING}]`, 'gu')
const VERBATIM = new Set(['code', 'pre', 'script', 'style'])

export default function rehypePunctuationPairs() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || parent.type !== 'element' || VERBATIM.has(parent.tagName)) return
      const matches = [...node.value.matchAll(PAIR)]
      if (matches.length === 0) return
      const out: ElementContent[] = []
      let at = 0
      for (const m of matches) {
        if (m.index > at) out.push({ type: 'text', value: node.value.slice(at, m.index) })
        const side = CLOSING.includes(m[0]) ? 'pc-end' : 'pc-start'
        out.push({ type: 'element', tagName: 'span', properties: { className: [side] }, children: [{ type: 'text', value: m[0] }] } satisfies Element)
        at = m.index + 1
      }
      if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) })
      parent.children.splice(index, 1, ...out)
      return [SKIP, index + out.length]
    })
  }
}
