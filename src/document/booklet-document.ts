/**
 * Assembles the whole booklet as one HTML document: cover, 目录, and one `<article>` per
 * manuscript file, with the preset's styles and the role fonts inlined in `<head>`.
 * Pure: trees and strings in, an HTML string out.
 *
 * For a rebuild that lays out only an edited article (issue 6), the same pieces also make a
 * document with the same `<head>` and an empty `main` to lay that one article out in
 * (articleFrameDocument, articleMain), and each piece can be serialized alone to tell which
 * article changed (bookletParts).
 */
import type { Element, ElementContent, Root } from 'hast'
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

/** The booklet in pieces: `<head>`, what comes before the articles, and each article's nodes. */
export interface BookletParts {
  htmlProperties: Element['properties']
  head: Element
  front: Element[]
  articles: ElementContent[][]
}

/** Marks the page "— 1 —" is printed on (and, in gongwen-a4, the article that opens page 1). */
const BODY_START = 'body-start'

/** Id of the empty article after the one laid out alone: where the next article would open. */
export const NEXT_ARTICLE_ID = 'booklet-next-article'

export function bookletParts(input: DocumentInput): BookletParts {
  const meta = (name: string, content: string | undefined) => (content ? h('meta', { name, content }) : undefined)
  let first = true
  const articles = input.articles.map(({ tree }) =>
    (tree.children as ElementContent[]).map((node) => {
      if (node.type !== 'element' || node.tagName !== 'article' || !first) return node
      first = false
      // A copy: the tree may be cached between builds, and this article need not stay the first.
      const classes = Array.isArray(node.properties.className) ? node.properties.className : ['article']
      return { ...node, properties: { ...node.properties, className: [...classes, BODY_START] } }
    }),
  )
  return {
    htmlProperties: { lang: 'zh-CN', className: input.config.latinSpacing === 'autospace' ? ['latin-autospace'] : undefined },
    head: h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', input.title),
      meta('author', input.config.publisher),
      meta('generator', 'booklet'),
      input.fontCss ? h('style', { dataBookletFonts: '' }, input.fontCss) : undefined,
      h('style', input.css),
    ]),
    front: input.frontMatter ? [coverElement(input.config, input.title), tocElement(input.articles.map((a) => a.outline))] : [],
    articles,
  }
}

function page(parts: BookletParts, body: ElementContent[]): Root {
  return {
    type: 'root',
    children: [{ type: 'doctype' }, h('html', parts.htmlProperties, [parts.head, h('body', body)])],
  }
}

export function bookletDocument(input: DocumentInput): Root {
  return wholeDocument(bookletParts(input))
}

export function wholeDocument(parts: BookletParts): Root {
  return page(parts, [...parts.front, h('main', parts.articles.flat())])
}

/**
 * The document one article is laid out alone in (issue 6): the booklet's own `<head>` and an
 * empty `main`. A warm page loads it ahead, with Paged.js, and puts the article in when one is
 * to be laid out (articleMain).
 */
export function articleFrameDocument(parts: BookletParts): Root {
  return page(parts, [h('main', [])])
}

/**
 * What goes into that `main` for article `index`: the article, followed by an empty one —
 * Paged.js then adds the blank page the next article would open after (EL-6: articles open on
 * the right).
 */
export function articleMain(parts: BookletParts, index: number): string {
  return piecesToHtml([...parts.articles[index]!, nextArticle()])
}

/**
 * The booklet as two documents, to be laid out at once in two tabs (issue 6: a cold build on two
 * cores): the cover, 目录 and the articles before `at`, followed by an empty article (the page the
 * next one would open on); and the articles from `at` on. Every article opens a right-hand page,
 * so the second document's pages are the booklet's own from that page on.
 */
export function splitDocuments(parts: BookletParts, at: number): [Root, Root] {
  return [
    page(parts, [...parts.front, h('main', [...parts.articles.slice(0, at).flat(), nextArticle()])]),
    page(parts, [h('main', parts.articles.slice(at).flat())]),
  ]
}

function nextArticle(): Element {
  return h('article.article', { id: NEXT_ARTICLE_ID }, [h('p', '　')])
}

export function documentToHtml(tree: Root): string {
  return unified().use(rehypeStringify).stringify(tree)
}

/** Nodes serialized alone: equal strings, equal pieces of the booklet. */
export function piecesToHtml(nodes: ElementContent[]): string {
  return documentToHtml({ type: 'root', children: nodes })
}
