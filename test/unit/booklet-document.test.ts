import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { BookletConfigSchema, type BookletConfig } from '../../src/config/schema.ts'
import { articleFrameDocument, articleMain, bookletDocument, bookletParts, documentToHtml, NEXT_ARTICLE_ID, wholeDocument } from '../../src/document/booklet-document.ts'
import { coverElement } from '../../src/document/cover.ts'
import { tocElement } from '../../src/document/toc.ts'
import { processArticle } from '../../src/pipeline/processor.ts'
import type { ArticleOutline } from '../../src/pipeline/types.ts'
import { byClass, byTag, classesOf, findAll } from './hast-query.ts'

/** booklet.yaml with every setting left out. */
const DEFAULTS: BookletConfig = v.parse(BookletConfigSchema, {})

const SPEECH = '# 在全县党务工作会议上的讲话\n\n开场。\n\n## 一、坚持党的领导\n\n### （一）讲政治\n\n文字。\n\n## 二、聚焦中心大局\n\n文字。\n'
const NOTES = '---\ntitle: 学习笔记\n---\n\n## 一、要点\n\n#### 1. 细节\n\n文字。\n'

async function processed(value: string, id: string) {
  const file = new VFile({ path: `/m/${id}.md`, value })
  const tree = await processArticle(file, id)
  return { tree, outline: file.data.outline! }
}

async function documentOf(config: Partial<BookletConfig> = {}, frontMatter = true) {
  const articles = [await processed(SPEECH, 'art-1'), await processed(NOTES, 'art-2')]
  const tree = bookletDocument({
    config: { ...DEFAULTS, ...config },
    title: '党务工作学习资料',
    articles,
    css: 'body { margin: 0 }',
    frontMatter,
  })
  return { tree, html: documentToHtml(tree) }
}

const one = (tree: Root | Element, test: (node: Element) => boolean) => {
  const found = findAll(tree, test)
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('bookletDocument', () => {
  it('is an HTML5 document with lang="zh-CN", utf-8, the title and the CSS inlined', async () => {
    const { tree, html } = await documentOf()
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(one(tree, byTag('html')).properties.lang).toBe('zh-CN')
    expect(html).toContain('<meta charset="utf-8">')
    expect(toString(one(tree, byTag('title')))).toBe('党务工作学习资料')
    expect(toString(one(tree, byTag('style')))).toBe('body { margin: 0 }')
    expect(html).toContain('<meta name="generator" content="booklet">')
  })

  it('has cover, TOC and main in that order in <body>', async () => {
    const { tree } = await documentOf()
    const body = one(tree, byTag('body'))
    const children = body.children.filter((n): n is Element => n.type === 'element')
    expect(children.map((n) => [n.tagName, n.properties.id])).toEqual([
      ['section', 'cover'],
      ['nav', 'toc'],
      ['main', undefined],
    ])
  })

  it('has the articles alone, the first one on page 1, without front matter (gongwen-a4)', async () => {
    const { tree } = await documentOf({}, false)
    const body = one(tree, byTag('body'))
    expect(body.children.filter((n): n is Element => n.type === 'element').map((n) => n.tagName)).toEqual(['main'])
    expect(classesOf(findAll(tree, byTag('article'))[0]!)).toContain('body-start')
  })

  it('has one <article> per input, in order, and only the first has class body-start', async () => {
    const { tree } = await documentOf()
    const articles = findAll(one(tree, byTag('main')), byTag('article'))
    expect(articles.map((a) => a.properties.dataArticle)).toEqual(['art-1', 'art-2'])
    expect(classesOf(articles[0]!)).toEqual(['article', 'body-start'])
    expect(classesOf(articles[1]!)).toEqual(['article'])
  })

  it('writes the publisher as PDF author only when configured', async () => {
    expect((await documentOf({ publisher: '中共××县委办公室' })).html).toContain('<meta name="author" content="中共××县委办公室">')
    expect((await documentOf()).html).not.toContain('name="author"')
  })
})

describe('table of contents', () => {
  it('lists every article title and its level-1 headings only, linking to their ids', async () => {
    const { tree } = await documentOf()
    const toc = one(tree, byTag('nav'))
    expect(toString(one(toc, byClass('toc-title')))).toBe('目　录')
    const links = findAll(toc, byTag('a')).map((a) => [a.properties.href, toString(a)])
    expect(links).toEqual([
      ['#art-1', '在全县党务工作会议上的讲话'],
      ['#art-1-1', '一、坚持党的领导'],
      ['#art-1-2', '二、聚焦中心大局'],
      ['#art-2', '学习笔记'],
      ['#art-2-1', '一、要点'],
    ])
    expect(toString(toc)).not.toContain('讲政治')
    expect(toString(toc)).not.toContain('细节')
  })

  it('links point at ids that exist in the document', async () => {
    const { tree } = await documentOf()
    const ids = new Set(findAll(tree, (n) => typeof n.properties.id === 'string').map((n) => n.properties.id))
    for (const a of findAll(one(tree, byTag('nav')), byTag('a'))) {
      expect(ids.has(String(a.properties.href).slice(1)), String(a.properties.href)).toBe(true)
    }
  })

  it('nests headings under their article and leaves a page-number slot per entry', () => {
    const outlines: ArticleOutline[] = [
      { id: 'art-1', title: '甲', headings: [{ id: 'art-1-1', level: 1, text: '一、乙' }, { id: 'art-1-1-1', level: 2, text: '（一）丙' }] },
      { id: 'art-2', title: '丁', headings: [] },
    ]
    const toc = tocElement(outlines)
    const articles = findAll(toc, byClass('toc-article'))
    expect(articles).toHaveLength(2)
    expect(findAll(articles[0]!, byClass('toc-heading')).map((li) => toString(li))).toEqual(['一、乙'])
    expect(findAll(articles[1]!, byTag('ol'))).toEqual([])
    expect(findAll(toc, byClass('toc-page'))).toHaveLength(3)
  })
})

describe('cover', () => {
  it('shows the date in Chinese numerals', async () => {
    const { tree } = await documentOf({ date: '2026-11' })
    expect(toString(one(tree, byClass('cover-date')))).toBe('二〇二六年十一月')
  })

  it('shows title, subtitle, notice and publisher when configured', () => {
    const cover = coverElement(
      { ...DEFAULTS, subtitle: '全县党务工作会议讲话', notice: '内部资料　注意保存', publisher: '中共××县委办公室', date: '2030-10-01' },
      '党务工作学习资料',
    )
    expect(toString(one(cover, byClass('cover-title')))).toBe('党务工作学习资料')
    expect(toString(one(cover, byClass('cover-subtitle')))).toBe('全县党务工作会议讲话')
    expect(toString(one(cover, byClass('cover-notice')))).toBe('内部资料　注意保存')
    expect(toString(one(cover, byClass('cover-publisher')))).toBe('中共××县委办公室')
    expect(toString(one(cover, byClass('cover-date')))).toBe('二〇三〇年十月一日')
  })

  it('has no publisher, date, subtitle or notice element when none is configured', () => {
    const cover = coverElement(DEFAULTS, '党务工作学习资料')
    for (const name of ['cover-publisher', 'cover-date', 'cover-subtitle', 'cover-notice']) {
      expect(findAll(cover, byClass(name)), name).toEqual([])
    }
    expect(toString(one(cover, byClass('cover-title')))).toBe('党务工作学习资料')
  })
})

describe('the frame an article is laid out alone in (issue 6)', () => {
  it('has the booklet\'s own head and an empty main; articleMain is the article and an empty one after it', async () => {
    const articles = [await processed(SPEECH, 'art-1'), await processed(NOTES, 'art-2')]
    const parts = bookletParts({ config: DEFAULTS, title: '党务工作学习资料', articles, css: 'body { margin: 0 }', frontMatter: true })
    const frame = documentToHtml(articleFrameDocument(parts))
    const whole = documentToHtml(wholeDocument(parts))
    expect(frame.slice(0, frame.indexOf('<body>'))).toBe(whole.slice(0, whole.indexOf('<body>')))
    expect(frame).toContain('<main></main>')
    const main = articleMain(parts, 1)
    expect(main).toContain('细节')
    expect(main).not.toContain('坚持党的领导')
    expect(main.endsWith(`<article class="article" id="${NEXT_ARTICLE_ID}"><p>　</p></article>`)).toBe(true)
  })
})
