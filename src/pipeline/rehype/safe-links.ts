/**
 * rehype plugin (issue 20, F-12): only web and mail addresses (`http:`, `https:`, `mailto:`) and
 * places in the booklet itself (`#…`: footnotes, the 目录) stay links. Chromium turns every
 * `<a href>` into a link annotation of the PDF, and a `javascript:`, `vbscript:`, `data:` or
 * `file:` address there is live in the reader's PDF viewer; so is a relative path to a file on
 * the author's disk. Such a link keeps its text, printed as text.
 */
import type { Root } from 'hast'
import { visit } from 'unist-util-visit'

const ALLOWED = /^(https?:|mailto:|#)/iu

export default function rehypeSafeLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (element) => {
      if (element.tagName !== 'a') return
      const href = element.properties.href
      // Browsers ignore control characters and spaces around a scheme (" java\tscript:"): so does the test.
      const address = typeof href === 'string' ? href.replace(/[\u0000-\u0020]/gu, '') : ''
      if (ALLOWED.test(address)) return
      element.tagName = 'span'
      element.properties = { className: ['link-text'] }
    })
  }
}
