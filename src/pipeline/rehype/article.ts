/**
 * rehype plugin: wraps an article's body in `<article>` with a `<header>` that carries the
 * title (小标宋), subtitle and speaker/date line (楷体) from the front matter; an editor's note
 * above the title and the 发文字号 under it when the text had them. In an official document
 * (`official`), the 版头 before the title, the 附注 after the date, a 纪要's lists after the
 * text and the 版记 at the end (official-parts.ts).
 */
import type { Element, ElementContent, Parent, Root } from 'hast'
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
    const arrangement = !options.officialLayout ? 'unsealed' : official.format === '命令' ? 'order' : official.seal ? 'sealed' : 'unsealed'
    keepClosingTogether(tree, remarksElement(official), arrangement)
    const after = [attendanceElement(official), colophonElement(official)]
    const className = options.officialLayout ? ['article', `format-${FORMAT_CLASS[official.format ?? '文件']}`] : ['article']
    const article = h('article', { className, dataArticle: id }, [header, h('div.article-body', tree.children as never), ...after])
    tree.children = [article]
  }
}

/**
 * GB/T 9704 7.3.5: the signature, the date and the 附注 (`remarks`, 7.3.6, on the line after
 * the date) in one block that is not broken across pages and does not open a page alone. The
 * signature and the date go into a block as wide as the longer of them, set in from the right
 * (base.css, gongwen.css): without a seal (7.3.5.2) 2 字 in, the date's first character 2 字 right
 * of the signature's — so the longer one ends 2 字 from the right, whatever the widths of the
 * faces' digits; with a seal (7.3.5.1) the date 4 字 in and the signature centred over it; a
 * 命令 (7.3.5.3) both 4 字 in.
 */
function keepClosingTogether(tree: Root, remarks: Element | undefined, arrangement: 'unsealed' | 'sealed' | 'order'): void {
  let done = false
  visit(tree, 'element', (node, index, parent) => {
    if (done || index === undefined || !parent || !hasClass(node, 'signature', 'closing-date')) return
    done = true
    const siblings = (parent as Parent).children as ElementContent[]
    // Joint issuers may sign one a paragraph, then the date.
    let end = index + 1
    for (let next = end; next < siblings.length && (isBlank(siblings[next]!) || hasClass(siblings[next]!, 'signature', 'closing-date')); next++) {
      if (!isBlank(siblings[next]!)) end = next + 1
    }
    // The page driver keeps it whole, with the last line of the text before it (paginate.js).
    const names = siblings.slice(index, end).filter((n) => !isBlank(n))
    const signed = names.some((n) => hasClass(n, 'signature'))
    const block = h('div', { className: ['closing-names', arrangement, signed ? 'has-signature' : 'date-only'] }, names)
    siblings.splice(index, end - index, h('div.closing', [block, remarks]))
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
