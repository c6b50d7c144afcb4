/**
 * rehype plugin: TP-6 / LC-12. Titles break only between words: each word found by
 * `Intl.Segmenter('zh', { granularity: 'word' })` goes into a `white-space: nowrap` span, and
 * the stylesheet balances the lines (`text-wrap: balance`), so 关于进一步加强新时代… never splits
 * 新时代. An author's explicit break in the title still wins.
 */
import type { Element, ElementContent, Root } from 'hast'
import { visit } from 'unist-util-visit'

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

export function wordSpans(text: string): ElementContent[] {
  const out: ElementContent[] = []
  for (const { segment, isWordLike } of segmenter.segment(text)) {
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
