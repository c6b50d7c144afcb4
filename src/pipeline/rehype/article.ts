/**
 * rehype plugin: wraps an article's body in `<article>` with a `<header>` that carries the
 * title (小标宋), subtitle and speaker/date line (楷体) from the front matter; an editor's note
 * above the title and the 发文字号 under it when the text had them. In an official document
 * (`official`), the 版头 before the title, the 附注 after the date, a 纪要's lists after the
 * text and the 版记 at the end (official-parts.ts).
 */
import type { Element, ElementContent, Parent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Official } from '../../config/schema.ts'
import { formatArabicDate } from '../../text/chinese-date.ts'
import { attendanceElement, colophonElement, FORMAT_CLASS, officialHead, officialOf, remarksElement } from './official-parts.ts'

export interface Options {
  /** booklet.yaml's `official` defaults. */
  official?: Official
  /** Laid out as an official document (gongwen-a4): the 版头 is printed. */
  officialLayout?: boolean
}

export default function rehypeArticle(options: Options = {}) {
  return (tree: Root, file: VFile) => {
    const matter = file.data.matter ?? {}
    const id = file.data.articleId ?? 'art'
    const subtitle = matter.subtitle
    const speaker = matter.speaker ?? matter.author
    // The 附注, a 纪要's lists and the 版记 are text of the document in any layout; the 版头 is
    // the official layout's only.
    const official = officialOf(options.official ?? {}, matter)
    const head = options.officialLayout ? officialHead(official) : undefined
    const header = h('header.article-header', [
      matter.note ? h('p.article-note', matter.note) : undefined,
      head,
      // A 命令 has no title line (GB/T 9704 10.2): its mark and 令号 name it; the heading stays, empty, as the article's anchor.
      h('h1.article-title', { id }, head && official.format === '命令' ? '' : (file.data.title ?? '')),
      matter.docNumber && !head ? h('p.article-doc-number', matter.docNumber) : undefined,
      subtitle ? h('p.article-subtitle', /^(——|[（(])/u.test(subtitle) ? subtitle : `——${subtitle}`) : undefined,
      speaker ? h('p.article-speaker', speaker) : undefined,
      matter.date || matter.place ? h('p.article-date', `（${[matter.date && formatArabicDate(matter.date), matter.place].filter(Boolean).join('，')}）`) : undefined,
      matter.source ? h('p.article-source', `来源：${matter.source}`) : undefined,
    ])
    // remark-rehype gives every article's footnote label the same id; make it unique.
    visit(tree, 'element', (node) => {
      const props = node.properties ?? {}
      if (props.id === 'footnote-label') props.id = `${id}-footnote-label`
      if (props.ariaDescribedBy) props.ariaDescribedBy = [`${id}-footnote-label`]
    })
    keepClosingTogether(tree, remarksElement(official))
    const after = [attendanceElement(official), colophonElement(official)]
    const className = options.officialLayout ? ['article', `format-${FORMAT_CLASS[official.format ?? '文件']}`] : ['article']
    const article = h('article', { className, dataArticle: id }, [header, h('div.article-body', tree.children as never), ...after])
    tree.children = [article]
  }
}

/**
 * GB/T 9704 7.3.5: the signature, the date and the 附注 (`remarks`, 7.3.6, on the line after
 * the date) in one block that is not broken across pages and does not open a page alone.
 */
function keepClosingTogether(tree: Root, remarks: Element | undefined): void {
  let done = false
  visit(tree, 'element', (node, index, parent) => {
    if (done || index === undefined || !parent || !hasClass(node, 'signature', 'closing-date')) return
    done = true
    const siblings = (parent as Parent).children as ElementContent[]
    let end = index + 1
    while (end < siblings.length && isBlank(siblings[end]!)) end++
    if (hasClass(node, 'signature') && siblings[end] && hasClass(siblings[end] as Element, 'closing-date')) end++
    // The paragraph before goes with it when it is short (three lines of 28 字 at most): the
    // 落款 then never opens a page alone; a longer one lets the page break fall in it.
    let start = index
    let before = start - 1
    while (before >= 0 && isBlank(siblings[before]!)) before--
    const previous = siblings[before]
    if (previous?.type === 'element' && previous.tagName === 'p' && toString(previous).trim().length <= 84) start = before
    const parts = siblings.slice(start, end).filter((n) => !isBlank(n))
    siblings.splice(start, end - start, h('div.closing', [...parts, remarks]))
    return 'skip'
  })
  if (!done && remarks) (tree.children as ElementContent[]).push(remarks)
}

function hasClass(node: Element | ElementContent, ...names: string[]): boolean {
  if (node.type !== 'element') return false
  const classes = node.properties.className
  return Array.isArray(classes) && names.some((name) => classes.includes(name))
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}
