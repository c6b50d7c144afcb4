/**
 * rehype plugin: break control that Chromium's line breaker does not do by itself for Chinese
 * (typography.md §4.2, TP-2, TP-5). Done with `white-space: nowrap` spans, not with U+2060
 * WORD JOINER: a joiner stays in the PDF's text and breaks copying and searching.
 * - —— in `<span class="zh-dash">` (2 字 in every font and never split, LC-6);
 * - a lone — (一字线), ～, and · or ／ between Han characters may not start a line: they are
 *   kept with the character before them (· and ／ also with the one after);
 * - LC-10 / TP-5: the stylesheet's `text-wrap: pretty` keeps a single character off a paragraph's
 *   last line, except where the paragraph ends in a footnote mark, which Chromium's rule does not
 *   see through; there the last two Han characters (and the marks after them) stay together.
 *   Done everywhere, this would cost more stretched lines than it saves.
 * - a block with a hard line break (`<br>`) is marked `has-break`: the stylesheet never justifies
 *   the line before it, also where Paged.js splits the block over two pages (issue 19).
 */
import type { Element, ElementContent, Root, Text } from 'hast'
import { toString } from 'hast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import { visitParents } from 'unist-util-visit-parents'
import { pointAt } from '../fixes.ts'

/** Elements whose lines a `<br>` ends. */
const BLOCKS = new Set(['p', 'li', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const VERBATIM = new Set(['code', 'pre', 'script', 'style'])
const KEPT = /——|[^\s—]—(?!—)|\S[～~〜]|\p{Script=Han}[·／/]\p{Script=Han}/gu
/** Two Han characters followed only by punctuation or space up to the end. */
const LAST_TWO_HAN = /\p{Script=Han}\p{Script=Han}[\p{P}\s]*$/u

/** Shorter than a line of the narrowest measure: no last-line problem possible. */
const SHORT = 20

const classesOf = (node: Element) => (node.properties?.className as string[] | undefined) ?? []

function span(className: string, text: Text): Element {
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [text] }
}

/** LC-8: 马克思·恩格斯 — the 间隔号 is set half width (`fwid` + `halt`) and kept with both names. */
function interpunct(text: Text): Element {
  const [before, dot, after] = [...text.value]
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['nobr'] },
    children: [
      { type: 'text', value: before! },
      { type: 'element', tagName: 'span', properties: { className: ['zh-ip'] }, children: [{ type: 'text', value: dot! }] },
      { type: 'text', value: after! },
    ],
    ...(text.position ? { position: text.position } : {}),
  }
}

/** Splits a text node at `pieces` (value ranges); each range is wrapped by `wrap`. */
function splitText(node: Text, ranges: [number, number][], wrap: (text: Text, value: string) => Element): ElementContent[] {
  const out: ElementContent[] = []
  let at = 0
  const piece = (from: number, to: number): Text => {
    const start = pointAt(node, from)
    const end = pointAt(node, to)
    return { type: 'text', value: node.value.slice(from, to), ...(start && end ? { position: { start, end } } : {}) }
  }
  for (const [from, to] of ranges) {
    if (from > at) out.push(piece(at, from))
    const text = piece(from, to)
    out.push(wrap(text, text.value))
    at = to
  }
  if (at < node.value.length) out.push(piece(at, node.value.length))
  return out
}

export default function rehypeLineBreaks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if ((node.tagName === 'p' || node.tagName === 'li') && !classesOf(node).includes('footnotes-label')) keepLastTwoHan(node)
    })
    visitParents(tree, 'element', (node: Element, ancestors) => {
      if (node.tagName !== 'br') return
      const block = ancestors.findLast((a): a is Element => a.type === 'element' && BLOCKS.has(a.tagName))
      if (block && !classesOf(block).includes('has-break')) block.properties = { ...block.properties, className: [...classesOf(block), 'has-break'] }
    })
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || parent.type !== 'element') return
      if (VERBATIM.has(parent.tagName) || classesOf(parent).some((c) => c === 'nobr' || c === 'zh-dash')) return
      const ranges = [...node.value.matchAll(KEPT)].map((m): [number, number] => [m.index, m.index + m[0].length])
      if (ranges.length === 0) return
      const replacement = splitText(node, ranges, (text, value) => {
        if (value === '——') return span('zh-dash', text)
        if (value.length === 3 && value[1] === '·') return interpunct(text)
        return span('nobr', text)
      })
      parent.children.splice(index, 1, ...replacement)
      return [SKIP, index + replacement.length]
    })
  }
}

/** TP-5: `…九十。¹` → `…<span class="nobr">九十。</span>¹`. Short paragraphs fit on one line anyway. */
function keepLastTwoHan(paragraph: Element): void {
  if (toString(paragraph).length <= SHORT || !endsWithFootnoteMark(paragraph)) return
  let last: { node: Text; parent: Element } | undefined
  visit(paragraph, (node, _i, parent) => {
    if (node.type === 'element' && (VERBATIM.has(node.tagName) || node.tagName === 'sup')) return SKIP
    if (node.type === 'text' && parent?.type === 'element') last = { node, parent }
  })
  if (!last) return
  const match = LAST_TWO_HAN.exec(last.node.value)
  if (!match) return
  const index = last.parent.children.indexOf(last.node)
  last.parent.children.splice(index, 1, ...splitText(last.node, [[match.index, last.node.value.length]], (t) => span('nobr', t)))
}

function endsWithFootnoteMark(paragraph: Element): boolean {
  const last = [...paragraph.children].reverse().find((c) => c.type !== 'text' || c.value.trim() !== '')
  return last?.type === 'element' && last.tagName === 'sup'
}
