/**
 * rehype plugin: the short cells of a table (a name, a unit, a date, a header: at most SHORT
 * characters) break only between words, as titles do (TP-6, title-words.ts). Chromium sizes a
 * table's columns by what their cells can be broken into, and Chinese text may break after any
 * character: beside a column of long text, 县委宣传部 was set one character per line. Now a
 * column is at least as wide as the longest word of its short cells, which are set centred; long
 * cells still break anywhere. A table whose short words together would not fit an A5 measure is
 * left alone.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { wordSpans } from './title-words.ts'

/** Cells of at most this many characters are labels, names, dates and the like. */
const SHORT = 12
/** 字 of table text that the widest words of all columns may take together (A5: about 29 字 of 10.5 pt, less padding). */
const MEASURE = 24

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
/** Width in 字: Han and full-width marks 1, Latin letters and digits about half. */
const widthOf = (text: string) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.55 : 1), 0)
const longestWord = (text: string) => Math.max(0, ...[...segmenter.segment(text)].map((s) => widthOf(s.segment)))

export default function rehypeTableWords() {
  return (tree: Root) => {
    visit(tree, 'element', (table: Element) => {
      if (table.tagName !== 'table') return
      const widest: number[] = []
      const short: Element[] = []
      visit(table, 'element', (row: Element) => {
        if (row.tagName !== 'tr') return
        row.children
          .filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'))
          .forEach((cell, column) => {
            const text = toString(cell)
            if ([...text].length > SHORT) return
            short.push(cell)
            widest[column] = Math.max(widest[column] ?? 0, longestWord(text))
          })
      })
      if (widest.reduce((a, b) => a + (b ?? 0), 0) > MEASURE) return
      for (const cell of short) {
        cell.children = inWords(cell.children)
        // Set centred (a short cell justified over two lines spread 县 委 / 宣 传 apart).
        cell.properties = { ...cell.properties, className: [...((cell.properties?.className as string[] | undefined) ?? []), 'short'] }
      }
    })
  }
}

/** Text at any depth (inside 加粗 too) into word spans; what is already a word span stays. */
function inWords(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child) => {
    if (child.type === 'text') return wordSpans(child.value)
    if (child.type === 'element' && !((child.properties?.className as string[] | undefined) ?? []).includes('w')) return [{ ...child, children: inWords(child.children) }]
    return [child]
  })
}
