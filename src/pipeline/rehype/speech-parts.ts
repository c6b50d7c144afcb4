/**
 * rehype plugin: the parts of a speech or document that are paragraphs in the manuscript but
 * are not set like body text (TP-7): the salutation (同志们：) flush left; the signature and the
 * date at the end (EL-15, GB/T 9704 7.3.5; the date in Arabic numerals in an official layout); the attachments note (附件：1．… 7.3.5.1) with its items aligned
 * after “附件：”; and an attachment's label (附件1, 黑体) and title. Runs on the flat body, before
 * sections nest it, so “last paragraph” means the article's last.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import type { Official } from '../../config/schema.ts'
import { findDate, formatArabicDate } from '../../text/chinese-date.ts'
import { addClass } from '../../text/hast-class.ts'
import { officialOf } from './official-parts.ts'
import { ATTACHMENT_LABEL, ATTACHMENT_NOTE, findClosing, isOrganisation, isSalutation } from '../../text/document-lines.ts'

const SENTENCE_MARKS = /[。！？，；：、]/u

export interface Options {
  /** An official document (gongwen-a4) with booklet.yaml's `official` defaults: its 成文日期 in Arabic numerals (7.3.5.4). */
  official?: Official
}

export default function rehypeSpeechParts(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    const official = options.official ? officialOf(options.official, file.data.matter ?? {}) : undefined
    const paragraphs = tree.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'p')
    const blocks = tree.children.filter((n): n is Element => n.type === 'element' && n.properties.dataFootnotes === undefined)
    const first = blocks[0]
    if (first?.tagName === 'p' && isSalutation(toString(first).trim())) addClass(first, 'salutation')
    for (const [i, p] of paragraphs.entries()) {
      const text = toString(p).trim()
      if (ATTACHMENT_NOTE.test(text) || labelOverLines(p)) addClass(p, 'attachment-note')
      if (ATTACHMENT_LABEL.test(text)) {
        addClass(p, 'attachment-label')
        const title = paragraphs[i + 1]
        if (title && blocks[blocks.indexOf(p) + 1] === title && !SENTENCE_MARKS.test(toString(title).trim().slice(-1))) addClass(title, 'attachment-title', 'after-label')
      }
    }
    const closing = findClosing(blocks.map((b) => (b.tagName === 'p' ? toString(b).trim() : undefined)))
    const date = closing.date === undefined ? undefined : blocks[closing.date]
    if (date && official) arabicDate(date)
    // Where the signature and the date stand is the layout's (rehype/article.ts wraps them in a
    // block the width of the longer, set in from the right as GB/T 9704 7.3.5 says).
    if (date) addClass(date, 'closing-date')
    if (closing.signature !== undefined) {
      const signer = blocks[closing.signature]!
      addClass(signer, 'signature')
      stackJointIssuers(signer)
      // 中共××县委 / ××县人民政府 / 2026年3月1日: joint issuers typed one a paragraph sign together.
      for (let k = closing.signature - 1; k > 0 && blocks[k]!.tagName === 'p' && isOrganisation(toString(blocks[k]!).trim()) && !hasClassName(blocks[k]!); k--) addClass(blocks[k]!, 'signature')
    }
    // The document a notice carries after its 落款 (the 方案 it issues) opens with its own title
    // on a new page, like an attachment with a label (7.4).
    if (closing.next !== undefined) addClass(blocks[closing.next]!, 'attachment-title', 'attachment-start')
  }
}

/** 7.3.5.4: the 成文日期 in Arabic numerals, the year in full, no zero padding (二○一二年六月十二日 → 2012年6月12日). */
function arabicDate(element: Element): void {
  const text = toString(element).trim()
  const found = findDate(text)
  if (!found || found.match !== text) return
  element.children = [{ type: 'text', value: formatArabicDate(found.date) }]
}

/** 附件 / 1.报名表 / 2.……: the note typed without its colon, its names on the lines below. */
function labelOverLines(p: Element): boolean {
  const [first, second] = p.children.filter((c) => c.type !== 'text' || c.value.trim() !== '')
  return first?.type === 'text' && ATTACHMENT_LABEL.test(first.value.trim()) && second?.type === 'element' && second.tagName === 'br'
}

/**
 * ××市人民政府　　××市农业农村局　　××市财政局 on one line: joint issuers, one under the other
 * (GB/T 9704 7.3.5), so that the 落款 keeps to the type area.
 */
function stackJointIssuers(signer: Element): void {
  const [only] = signer.children
  if (signer.children.length !== 1 || only?.type !== 'text') return
  const names = only.value.trim().split(/[\s\u3000]{2,}/u)
  if (names.length < 2 || !names.every(isOrganisation)) return
  signer.children = names.flatMap((name, k): ElementContent[] => [...(k ? [{ type: 'element' as const, tagName: 'br', properties: {}, children: [] }] : []), { type: 'text', value: name }])
}

function hasClassName(element: Element): boolean {
  return Array.isArray(element.properties.className) && element.properties.className.length > 0
}
