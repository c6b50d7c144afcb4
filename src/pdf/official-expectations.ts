/**
 * What the preflight must find printed for an article laid out as an official document (issue
 * 18), read from its tree: the mark's first line and how far below the top of the paper its
 * characters stand (GB/T 9704 7.2.4; 10.1, 10.2), the text of the 版记's last line (7.4), and
 * the 落款's signature and date (7.3.5) as the pipeline set them.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { headTopMm, type OfficialMatter } from '../pipeline/rehype/official-parts.ts'

export interface OfficialExpectation {
  /** The article's title, to name it in a message. */
  title?: string
  mark?: { text: string; topMm: number }
  /** The last line of the 版记 and whether it must stand on an even page (not a letter's). */
  colophon?: { lastLine: string; evenPage: boolean }
  closing?: { signature?: string; date?: string }
}

const hasClass = (node: Element, name: string) => Array.isArray(node.properties.className) && node.properties.className.includes(name)

/**
 * `official`: the article's official fields over the office's defaults; `marginTopMm`: the paper's
 * top margin (the mark is placed from the top of the type area).
 */
export function officialExpectation(tree: Root, official: OfficialMatter, marginTopMm: number): OfficialExpectation | undefined {
  const found: OfficialExpectation = {}
  let laidOutAsOfficial = false
  visit(tree, 'element', (node) => {
    if (node.tagName === 'article' && (node.properties.className as string[] | undefined)?.some((c) => c.startsWith('format-'))) laidOutAsOfficial = true
    // The mark as printed: its first line (the first of joint issuers).
    if (hasClass(node, 'doc-mark-name') && !found.mark) found.mark = { text: toString(node).trim(), topMm: marginTopMm + headTopMm(official) }
    if (hasClass(node, 'colophon')) {
      const items = node.children.filter((c): c is Element => c.type === 'element')
      const last = items.at(-1)
      if (last) found.colophon = { lastLine: toString(last).trim(), evenPage: !hasClass(node, 'colophon-letter') }
    }
    if (hasClass(node, 'article-title')) found.title = toString(node).trim()
    // Joint issuers sign one a paragraph: the last stands right above the date.
    if (hasClass(node, 'signature')) (found.closing ??= {}).signature = toString(node).trim()
    if (hasClass(node, 'closing-date')) (found.closing ??= {}).date = toString(node).trim()
  })
  return laidOutAsOfficial ? found : undefined
}
