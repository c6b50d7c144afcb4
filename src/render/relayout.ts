/**
 * Issue 6, the layout of a rebuild: when only some articles changed since the warm page's
 * booklet was laid out, only they are laid out again, each alone, and their pages take the
 * place of their old ones (in-page/paginate.js, replaceArticle).
 */
import { writeFile } from 'node:fs/promises'
import type { Frame, Page } from 'puppeteer-core'
import { BookletError } from '../errors.ts'
import type { PageFonts } from '../fonts/coverage.ts'
import { ARTICLE_PATH, type PageFiles } from './page-files.ts'
import { loadScripts, pageFailure, paginateLoaded, type InPage, type Layout } from './run-paginate.ts'

/** What tells one build's articles from the last one's, and how to lay one out alone. */
export interface ArticlePlan {
  /** Everything but the articles (head, styles, cover, 目录): equal keys, equal frame. */
  frameKey: string
  /** The id each article's first page is found by, in booklet order. */
  ids: string[]
  /** Each article's content key. */
  keys: string[]
  /** The document an article is laid out alone in, with nothing in its `main` (articleFrameDocument). */
  frameDocument(): string
  /** What goes into that `main` for article `index` (articleMain). */
  mainOf(index: number): string
  /** The id of the empty article after it in that document. */
  nextId: string
}

/**
 * What a warm page holds laid out: the plan's keys of the booklet it laid out last, and how many
 * layouts of single articles were done into it since it was last laid out whole.
 */
export type LaidOut = Pick<ArticlePlan, 'frameKey' | 'ids' | 'keys'> & { relayouts: number }

/**
 * A page that took this many articles laid out alone is laid out whole once: each time Chromium
 * keeps some 0.7 MiB more for the document (its DOM and script heap do not grow; a new document
 * gives it all back). Bounded so, 100 saves in one watch cost no more memory than 20.
 */
export const RELAYOUTS_PER_DOCUMENT = 20

export interface RelayoutInput {
  articles: ArticlePlan
  fonts: PageFonts
  targetIds: string[]
}

/**
 * The articles whose content changed since the page's booklet was laid out, when laying out
 * only them is worth it: the same frame (styles, cover, 目录 text), the same articles in the
 * same order, fewer than half of them changed, and the page not yet due for a whole layout.
 */
export function changedArticles(laidOut: LaidOut | undefined, plan: ArticlePlan | undefined): number[] | undefined {
  if (!laidOut || !plan || laidOut.relayouts >= RELAYOUTS_PER_DOCUMENT) return undefined
  if (laidOut.frameKey !== plan.frameKey || laidOut.ids.join('\n') !== plan.ids.join('\n')) return undefined
  const changed = plan.keys.flatMap((key, i) => (key === laidOut.keys[i] ? [] : [i]))
  return changed.length > 0 && changed.length * 2 < plan.keys.length ? changed : undefined
}

/**
 * Issue 6: each article opens a new right-hand page, so an edited article can be laid out alone
 * and its pages put in place of its old ones; page and 目录 numbers are then made afresh. It is
 * laid out in an iframe of the booklet's own page: that renderer has the fonts decoded and
 * Paged.js compiled already, and the pages move over as nodes. The iframe is loaded ahead, after
 * the last build (`ready`, prepareArticleFrame): the article only has to be put in. Undefined
 * when that cannot give what a whole layout would (the pages after it would change sides, or
 * Paged.js stopped on it): the caller lays out the whole booklet.
 */
export async function layoutArticlesAlone(page: Page, base: string, files: PageFiles, input: RelayoutInput, changed: number[], phase: (name: string) => void, ready?: ArticleFrame): Promise<Layout | undefined> {
  const plan = input.articles
  let layout: Layout | undefined
  const lateFonts = new Set<string>()
  let mendedSplits = 0
  const inPageTimes: Record<string, number> = {}
  for (const [n, index] of changed.entries()) {
    const prepared = n === 0 && ready?.frameKey === plan.frameKey && !ready.frame.detached ? ready.frame : undefined
    const frame = prepared ?? (await prepareArticleFrame(page, base, files, plan)).frame
    await frame.evaluate((html) => void (document.querySelector('main')!.innerHTML = html), plan.mainOf(index)).catch(pageFailure)
    const alone = await paginateLoaded(frame, input.fonts, [])
    if ('stoppedAt' in alone) return undefined
    for (const font of alone.lateFonts) lateFonts.add(font)
    mendedSplits += alone.mendedSplits
    for (const [name, ms] of Object.entries(alone.inPage)) inPageTimes[`alone.${name}`] = (inPageTimes[`alone.${name}`] ?? 0) + ms
    if (process.env.BOOKLET_DEBUG_DOM) await writeFile(`${process.env.BOOKLET_DEBUG_DOM}.article-${index + 1}.html`, await frame.content())
    const replaced = (await page
      .evaluate(
        (options) => (window as unknown as { __booklet: InPage }).__booklet.replaceArticle(options),
        { articleId: plan.ids[index]!, nextArticleId: plan.ids[index + 1] ?? null, nextId: plan.nextId, fonts: input.fonts, ids: input.targetIds },
      )
      .catch(pageFailure)) as Layout | { refused: string }
    if ('refused' in replaced) {
      if (process.env.BOOKLET_DEBUG) console.error(`relayout refused: ${replaced.refused}`)
      return undefined
    }
    layout = replaced
  }
  phase('alone')
  if (!layout) return undefined
  // samePages compares with the pages just before the last replacement: with more than one, unknown.
  const samePages = changed.length === 1 ? layout.samePages : undefined
  return { ...layout, samePages, lateFonts: [...lateFonts], mendedSplits, inPage: { ...inPageTimes, ...layout.inPage } }
}

/** An iframe in the booklet's page, ready for an article to be laid out alone (for the frame of `frameKey`). */
export interface ArticleFrame {
  frame: Frame
  frameKey: string
}

/**
 * The iframe an article is laid out alone in: the plan's frame document (the booklet's head and
 * an empty `main`) loaded, our driver and Paged.js in it (0.1 s). replaceArticle removes it.
 */
export async function prepareArticleFrame(page: Page, base: string, files: PageFiles, plan: ArticlePlan): Promise<ArticleFrame> {
  files.articleHtml = plan.frameDocument()
  try {
    const frame = await articleFrame(page, base)
    await loadScripts(frame, base, undefined)
    return { frame, frameKey: plan.frameKey }
  } finally {
    files.articleHtml = undefined
  }
}

/** An iframe holding ARTICLE_PATH, loaded, in the booklet's page. */
async function articleFrame(page: Page, base: string): Promise<Frame> {
  await page.evaluate(
    (src) =>
      new Promise<void>((loaded, failed) => {
        // One at a time: replaceArticle takes its pages from the article frame there is.
        for (const stale of document.querySelectorAll('iframe[data-booklet-article]')) stale.remove()
        const frame = document.createElement('iframe')
        frame.dataset.bookletArticle = ''
        // Out of sight but rendered (Paged.js measures what it lays out), the size of the window.
        frame.style.cssText = `position: fixed; left: -${innerWidth + 100}px; top: 0; width: ${innerWidth}px; height: ${innerHeight}px; border: 0`
        frame.onload = () => loaded()
        frame.onerror = () => failed(new Error('article frame did not load'))
        frame.src = src
        document.body.append(frame)
      }),
    `${base}${ARTICLE_PATH}`,
  )
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().endsWith(ARTICLE_PATH) && !f.detached)
  if (!frame) throw new BookletError('排版脚本在浏览器中出错', { hint: 'article frame not found' })
  return frame
}
