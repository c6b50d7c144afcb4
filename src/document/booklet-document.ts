/**
 * Assembles the whole booklet as one HTML document: cover, 目录, and one `<article>` per
 * manuscript file, with the preset's styles and the role fonts inlined in `<head>`.
 * Pure: trees and strings in, an HTML string out.
 */
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import type { BookletConfig } from '../config/schema.ts'
import type { ArticleOutline } from '../pipeline/types.ts'
import { coverElement } from './cover.ts'
import { tocElement } from './toc.ts'

export interface DocumentInput {
  config: BookletConfig
  /** Booklet title: booklet.yaml's title, else the only article's title. */
  title: string
  articles: { tree: Root; outline: ArticleOutline }[]
  css: string
  /** @font-face rules, in a style element of their own (see render/in-page/paginate.js). */
  fontCss?: string
  /** Cover and 目录 (the A5 booklet); without them the first article opens page 1 (gongwen-a4). */
  frontMatter: boolean
}

export function bookletDocument(input: DocumentInput): Root {
  const articles = input.articles.flatMap(({ tree }) => tree.children as Element[])
  const first = articles.find((node) => node.type === 'element' && node.tagName === 'article')
  if (first) first.properties = { ...first.properties, className: ['article', 'body-start'] }
  const meta = (name: string, content: string | undefined) => (content ? h('meta', { name, content }) : undefined)
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'zh-CN', className: input.config.latinSpacing === 'autospace' ? ['latin-autospace'] : undefined }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', input.title),
          meta('author', input.config.publisher),
          meta('generator', 'booklet'),
          input.fontCss ? h('style', { dataBookletFonts: '' }, input.fontCss) : undefined,
          h('style', input.css),
        ]),
        h('body', [
          input.frontMatter ? coverElement(input.config, input.title) : undefined,
          input.frontMatter ? tocElement(input.articles.map((a) => a.outline)) : undefined,
          h('main', articles),
        ]),
      ]),
    ],
  }
}

export function documentToHtml(tree: Root): string {
  return unified().use(rehypeStringify).stringify(tree)
}
