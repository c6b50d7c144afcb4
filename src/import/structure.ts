/**
 * Structure detection for imported manuscripts (issue 4, typography.md TP-7 / EL-17): from the
 * paragraphs of a pasted speech or a Word file to the manuscript format — title, subtitle,
 * speaker and date in front matter, headings by level, run-in headings, bold lead sentences,
 * lists, attachments note, signature and date. It works from what a person sees in the text and
 * reports every guess with its line, so the author can check it. Pure: blocks in, Markdown out.
 * The steps, in order: an official document's 版头 (official-lines.ts), the title block
 * (title-block.ts), a typed table of contents left out, the 版记 and 附注 (official-lines.ts), the
 * 落款 and where the body ends, headings (headings.ts), leads (leads.ts), then Markdown (serialize.ts).
 */
import { toString } from 'mdast-util-to-string'
import { typedOrdinal } from '../text/ordinals.ts'
import { ATTACHMENT_LABEL, findClosing, isOrganisation } from '../text/document-lines.ts'
import type { ImportedMatter, ImportNote, ImportResult, MatterLines, SourceBlock } from './source-blocks.ts'
import { issuerFromSignature, readBackMatter, readOfficialHead } from './official-lines.ts'
import { classify, listsAttachments, placeUnnumberedHeadings } from './headings.ts'
import { type Item, type Note, TOC_LINE, placeOf } from './items.ts'
import { markLeadSentences, markSequences } from './leads.ts'
import { serialize } from './serialize.ts'
import { readHeader } from './title-block.ts'

/** `fallbackTitle`: the title when the text has none (the file's name). */
export function structureToMarkdown(blocks: SourceBlock[], fallbackTitle = '未命名'): ImportResult {
  const notes: ImportNote[] = []
  const note = (block: SourceBlock, message: string, rule: string, severity?: 'warning') =>
    // With a line number the place is already in the diagnostic's location.
    notes.push({ ...(block.line ? { line: block.line } : {}), message: block.line ? message : `${block.where}：${message}`, rule, ...(severity ? { severity } : {}) })

  const items: Item[] = blocks
    .map((block) => ({ block, text: block.children ? toString({ type: 'paragraph', children: block.children }).trim() : '', kind: block.node ? ('node' as const) : ('paragraph' as const) }))
    .filter((item) => item.kind === 'node' || item.text !== '')
  const head = readOfficialHead(items, note)
  const { matter, lines: matterLines } = head.matter.format === '命令' ? orderTitle(head.matter) : readHeader(items, note, fallbackTitle)
  dropTypedContents(items, matterLines, note)
  dropTrailingWebLines(items, matterLines, note)
  const back = readBackMatter(items, note)
  Object.assign(matter, head.matter, back.matter)
  Object.assign(matterLines, head.lines, back.lines)
  const bodyEnd = markClosing(items, findBodyEnd(items), note)
  issuerFromSignature(matter, items.find((item) => item.kind === 'signature'), note)
  classify(items, bodyEnd, note)
  placeUnnumberedHeadings(items, bodyEnd, note)
  markLeadSentences(items, note)
  markSequences(items, note)
  const headings = items.filter((item) => item.kind === 'heading')
  if (headings.length && !headings.some((item) => typedOrdinal(item.text))) {
    // The author numbered none of the headings: the booklet adds no numbers of its own either.
    matter.numbering = 'keep'
    note(headings[0]!.block, '原稿的标题都没有编号，排版时也不加编号（要自动编号，删去前置信息中的 numbering: keep）', 'import-numbering')
  }
  return { ...serialize(matter, items), notes, matterLines }
}

/** A 命令 has no title line: the order's name and number (中华人民共和国国务院令第797号) name it. */
function orderTitle(head: Partial<ImportedMatter>): { matter: ImportedMatter; lines: MatterLines } {
  return { matter: { title: `${[head.issuer].flat()[0] ?? ''}令${head.docNumber ?? ''}` }, lines: {} }
}

/**
 * A table of contents typed into the text (目录 / 一、引言……1 / 二、……): the booklet makes its
 * own with real page numbers, so the typed one is left out, and said so.
 */
function dropTypedContents(items: Item[], lines: MatterLines, note: Note): void {
  for (let i = 0; i < items.length; i++) {
    const heading = items[i]!.kind === 'paragraph' && /^目\s*录$/u.test(items[i]!.text) ? 1 : 0
    let end = i + heading
    while (items[end]?.kind === 'paragraph' && TOC_LINE.test(items[end]!.text)) end++
    if (end - i - heading < 2) continue
    const dropped = items.splice(i, end - i)
    for (const item of dropped) (lines.toc ??= []).push(placeOf(item.block))
    note(dropped[0]!.block, `这 ${dropped.length} 行是手写的目录，没有排入正文：小册子的目录按实际页码自动生成`, 'import-toc', 'warning')
    i--
  }
}

/** 相关报道： · 上一篇：…… · 责任编辑：×× — what a news page adds after the text, copied along. */
const WEB_TRAILER = /^(?:相关(?:报道|链接|阅读|新闻|文章|稿件)|上一篇|下一篇|责任编辑|分享到|打印本页|关闭窗口)\s*[：:]?.{0,30}$/u

function dropTrailingWebLines(items: Item[], lines: MatterLines, note: Note): void {
  while (items.length > 1 && items.at(-1)!.kind === 'paragraph' && WEB_TRAILER.test(items.at(-1)!.text)) {
    const item = items.pop()!
    ;(lines.note ??= []).push(placeOf(item.block))
    note(item.block, `文末的“${item.text}”是网页上的栏目文字，没有排入`, 'import-note', 'warning')
  }
}

/** The body ends where an attachment (附件1 on its own line) begins. */
function findBodyEnd(items: Item[]): number {
  const label = items.findIndex((item, i) => item.kind !== 'node' && ATTACHMENT_LABEL.test(item.text) && !listsAttachments(items, i))
  return label >= 0 ? label : items.length
}

/**
 * Signature and date at the end of the body (EL-15), found as the pipeline finds them to set
 * them; a document carried after the 落款 (the 方案 a notice issues) begins with its title.
 */
function markClosing(items: Item[], bodyEnd: number, note: Note): number {
  const { signature, date, next } = findClosing(items.slice(0, bodyEnd).map((item) => (item.kind === 'paragraph' ? item.text : undefined)))
  if (date !== undefined) {
    items[date]!.kind = 'closing-date'
    note(items[date]!.block, `当作成文日期（落款）：${items[date]!.text}`, 'import-signature')
  }
  if (signature !== undefined) {
    items[signature]!.kind = 'signature'
    // 绍兴市教育局办公室　　　绍兴市教育工会: joint issuers sign one under the other (GB/T 9704 7.3.5.2).
    const names = items[signature]!.text.split(/[\s\u3000]{2,}/u)
    // 总理　　李克强 is a title and a name on one line (7.3.5.3), not two issuers.
    if (names.length > 1 && names.every(isOrganisation)) {
      const children = names.flatMap((name, k) => [...(k ? [{ type: 'break' as const }] : []), { type: 'text' as const, value: name }])
      items[signature]!.block = { ...items[signature]!.block, children }
    }
    note(items[signature]!.block, `当作署名（落款）：${items[signature]!.text}`, 'import-signature')
  }
  if (next === undefined) return bodyEnd
  items[next]!.kind = 'document-title'
  note(items[next]!.block, `落款之后另起一篇（如通知印发的方案），当作它的标题：${items[next]!.text}`, 'import-attachment')
  return next
}
