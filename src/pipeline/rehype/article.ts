/**
 * rehype plugin: wraps an article's body in `<article>` with a `<header>` that carries the
 * title (小标宋), subtitle and speaker/date line (楷体) from the front matter; an editor's note
 * above the title and the 发文字号 under it when the text had them.
 */
import type { Root } from 'hast'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { formatArabicDate } from '../../text/chinese-date.ts'

export default function rehypeArticle() {
  return (tree: Root, file: VFile) => {
    const matter = file.data.matter ?? {}
    const id = file.data.articleId ?? 'art'
    const subtitle = matter.subtitle
    const speaker = matter.speaker ?? matter.author
    const header = h('header.article-header', [
      matter.note ? h('p.article-note', matter.note) : undefined,
      h('h1.article-title', { id }, file.data.title ?? ''),
      matter.docNumber ? h('p.article-doc-number', matter.docNumber) : undefined,
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
    const article = h('article.article', { dataArticle: id }, [header, h('div.article-body', tree.children as never)])
    tree.children = [article]
  }
}
