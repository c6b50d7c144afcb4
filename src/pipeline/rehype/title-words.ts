/**
 * rehype plugin: TP-6 / LC-12. Titles break only between words: each word found by
 * `Intl.Segmenter('zh', { granularity: 'word' })` goes into a `white-space: nowrap` span, and
 * the stylesheet balances the lines (`text-wrap: balance`), so 关于进一步加强新时代… never splits
 * 新时代. An author's explicit break in the title still wins.
 */
import type { Element, ElementContent, Root } from 'hast'
import { visit } from 'unist-util-visit'

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** 2026年 · 第24届 · 12号 · 9月: a number and its measure word are one word in a title. */
const NUMBER_WITH_MEASURE = /第?[0-9０-９〇零一二三四五六七八九十百千]+[年月日号届次期个项条批]?/gu

/** The segmenter's words, with a number kept together with 第 before it and its measure word after it. */
function words(text: string): { segment: string; isWordLike: boolean }[] {
  const out: { segment: string; isWordLike: boolean }[] = []
  let at = 0
  for (const match of text.matchAll(NUMBER_WITH_MEASURE)) {
    if (!/[0-9０-９]/u.test(match[0]) && !/^第/u.test(match[0])) continue
    for (const piece of segmenter.segment(text.slice(at, match.index))) out.push({ segment: piece.segment, isWordLike: piece.isWordLike ?? false })
    out.push({ segment: match[0], isWordLike: true })
    at = match.index + match[0].length
  }
  for (const piece of segmenter.segment(text.slice(at))) out.push({ segment: piece.segment, isWordLike: piece.isWordLike ?? false })
  return out
}

export function wordSpans(text: string): ElementContent[] {
  const out: ElementContent[] = []
  for (const { segment, isWordLike } of words(text)) {
    // Punctuation stays outside: the browser's own rules keep it with its word.
    if (isWordLike && [...segment].length > 1) {
      out.push({ type: 'element', tagName: 'span', properties: { className: ['w'] }, children: [{ type: 'text', value: segment }] })
    } else out.push({ type: 'text', value: segment })
  }
  return out
}

const TITLES = ['article-title', 'cover-title']

export default function rehypeTitleWords() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const classes = (node.properties?.className as string[] | undefined) ?? []
      if (!TITLES.some((c) => classes.includes(c))) return
      node.children = node.children.flatMap((child) => (child.type === 'text' ? wordSpans(child.value) : [child]))
    })
  }
}
