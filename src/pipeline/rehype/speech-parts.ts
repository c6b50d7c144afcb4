/**
 * rehype plugin: the parts of a speech or document that are paragraphs in the manuscript but
 * are not set like body text (TP-7): the salutation (同志们：) flush left; the signature and the
 * date at the end (EL-15, GB/T 9704 7.3.5.2) aligned right, the date's first character two 字
 * right of the signature's; the attachments note (附件：1．… 7.3.5.1) with its items aligned
 * after “附件：”; and an attachment's label (附件1, 黑体) and title. Runs on the flat body, before
 * sections nest it, so “last paragraph” means the article's last.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'

const SALUTATION = /^[^。！？，；]{1,16}[：:]$/u
const DATE_ALONE = /^(\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/u
const ATTACHMENT_NOTE = /^附\s*件\s*[：:]/u
const ATTACHMENT_LABEL = /^附\s*件\s*\d*$/u
const SENTENCE_MARKS = /[。！？，；：、]/u

export default function rehypeSpeechParts() {
  return (tree: Root) => {
    const paragraphs = tree.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'p')
    const blocks = tree.children.filter((n): n is Element => n.type === 'element' && n.properties.dataFootnotes === undefined)
    const first = blocks[0]
    if (first?.tagName === 'p' && SALUTATION.test(toString(first).trim())) addClass(first, 'salutation')
    for (const [i, p] of paragraphs.entries()) {
      const text = toString(p).trim()
      if (ATTACHMENT_NOTE.test(text)) addClass(p, 'attachment-note')
      if (ATTACHMENT_LABEL.test(text)) {
        addClass(p, 'attachment-label')
        const title = paragraphs[i + 1]
        if (title && blocks[blocks.indexOf(p) + 1] === title && !SENTENCE_MARKS.test(toString(title).trim().slice(-1))) addClass(title, 'attachment-title')
      }
    }
    // The closing is the last block before an attachment, or the last block of the article.
    const attachment = blocks.findIndex((b) => b.tagName === 'p' && ATTACHMENT_LABEL.test(toString(b).trim()))
    markClosing(blocks.slice(0, attachment >= 0 ? attachment : blocks.length))
  }
}

function markClosing(blocks: Element[]): void {
  const date = blocks.at(-1)
  if (date?.tagName !== 'p' || !DATE_ALONE.test(toString(date).trim())) return
  addClass(date, 'closing-date')
  const signer = blocks.at(-2)
  const signature = signer?.tagName === 'p' && !signer.properties.className && toString(signer).trim()
  if (!signature || [...signature].length > 30 || SENTENCE_MARKS.test(signature)) return
  addClass(signer, 'signature')
  // GB/T 9704 7.3.5.2: signature right inset 2 字; the date's first character 2 字 right of the
  // signature's; a date longer than that keeps 2 字 and moves the signature left instead.
  const signatureWidth = width(signature)
  const dateWidth = width(toString(date).trim())
  const dateInset = signatureWidth - dateWidth >= 2 ? signatureWidth - dateWidth : 2
  const signatureInset = dateInset + dateWidth + 2 - signatureWidth
  setInset(signer, signatureInset)
  setInset(date, dateInset)
}

/** Width in 字: ASCII digits and letters ½ (the Latin face), everything else 1 (× is set in the Chinese face). */
function width(text: string): number {
  return [...text].reduce((sum, ch) => sum + (/[\u0020-\u007e]/u.test(ch) ? 0.5 : 1), 0)
}

function setInset(element: Element, em: number): void {
  element.properties.style = `padding-inline-end: ${em}em`
}

function addClass(element: Element, name: string): void {
  const current = element.properties.className
  element.properties.className = [...(Array.isArray(current) ? current : []), name] as string[]
}
