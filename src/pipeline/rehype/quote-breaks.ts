/**
 * rehype plugin: lets a line break before an opening quote that follows Chinese text and opens
 * on Latin letters or digits (clreq: “ may start a line).
 * Unicode's line-breaking rule LB19a forbids a break on either side of a quotation mark unless
 * it is surrounded by East Asian characters, so in `围绕“X”和“X”的目标` Chromium finds no
 * break between 围绕 and 的 and justifies the line before with wide gaps. A `<wbr>` gives the
 * break back without adding a character to the text.
 * Only there: around “慢” (Han inside) the break is already allowed, and a `<wbr>` on both sides
 * of a quotation makes Chromium 156 push an exactly fitting “慢” to the next line.
 */
import type { Element, ElementContent, Root, Text } from 'hast'
import { SKIP, visit } from 'unist-util-visit'
import { sliceText } from '../fixes.ts'

/** Han or full-width punctuation on the outer side of the quote. */
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef'
const BREAK = new RegExp(`(?<=[${CJK}])(?=[“‘][^${CJK}“‘”’\\s])`, 'gu')
const VERBATIM = new Set(['code', 'pre', 'script', 'style'])

export default function rehypeQuoteBreaks() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined) return
      if (parent.type === 'element' && VERBATIM.has(parent.tagName)) return
      const parts = node.value.split(BREAK)
      if (parts.length === 1) return
      const replacement: ElementContent[] = []
      let at = 0
      parts.forEach((value, i) => {
        if (i > 0) replacement.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] } satisfies Element)
        // Keep source positions, so later checks can still point at line and column.
        replacement.push(sliceText(node, at, at + value.length))
        at += value.length
      })
      parent.children.splice(index, 1, ...(replacement as never[]))
      return [SKIP, index + replacement.length]
    })
  }
}
