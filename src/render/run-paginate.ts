/**
 * Runs our page driver (in-page/paginate.js) with Paged.js in a loaded page or frame, and turns
 * what goes wrong inside the page into a message rather than a stack trace.
 */
import { join } from 'node:path'
import type { Frame, Page } from 'puppeteer-core'
import { BookletError } from '../errors.ts'
import type { PageFonts } from '../fonts/coverage.ts'
import { PROJECT_ROOT } from '../project-root.ts'
import type { RenderResult } from './render-pdf.ts'

export const PAGED_SCRIPT = '/_booklet/pagedjs/paged.polyfill.js'
export const IN_PAGE_PREFIX = '/_booklet/in-page/'

/** The page's own driver script, served like the fonts (Paged.js itself is built in: pagedjs-patched.ts). */
export function scriptMounts(): Map<string, string> {
  return new Map([[IN_PAGE_PREFIX, join(PROJECT_ROOT, 'src/render/in-page')]])
}

/** What paginate.js (and replaceArticle) report of the pages laid out. */
export type Layout = Omit<RenderResult, 'pdf' | 'refusedRequests' | 'fontsUsed' | 'phases' | 'relaid'> & { inPage: Record<string, number> }

/** Paged.js and our driver into a loaded page, then pagination; `stoppedAt` where Paged.js gave up. */
export async function runPaginate(page: Page | Frame, base: string, fonts: PageFonts, ids: string[], phase: (name: string) => void): Promise<Layout | { stoppedAt: string }> {
  // The faces start loading while Paged.js's script is fetched and compiled.
  await loadScripts(page, base, fonts, phase)
  return paginateLoaded(page, fonts, ids)
}

/**
 * Our driver, then Paged.js, into a loaded page. With `fonts`, the faces of the page's text
 * start loading in between; without, only the style sheets are made ready and paginate() loads
 * the faces (a frame whose content comes later).
 */
export async function loadScripts(page: Page | Frame, base: string, fonts: PageFonts | undefined, phase: (name: string) => void = () => undefined): Promise<void> {
  await page.evaluate(() => {
    ;(window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false }
  })
  await page.addScriptTag({ url: `${base}${IN_PAGE_PREFIX}paginate.js` })
  if (fonts) await page.evaluate((fonts) => void (window as unknown as { __booklet: InPage }).__booklet.prepare({ fonts }), fonts).catch(pageFailure)
  else await page.evaluate(() => void (window as unknown as { __booklet: InPage }).__booklet.takeFaces()).catch(pageFailure)
  phase('load')
  // By URL, not by content: Chromium then keeps the compiled script for the next build (a warm browser).
  await page.addScriptTag({ url: `${base}${PAGED_SCRIPT}` })
  phase('paged')
}

/** Pagination in a page whose scripts are loaded (loadScripts). */
export async function paginateLoaded(page: Page | Frame, fonts: PageFonts, ids: string[]): Promise<Layout | { stoppedAt: string }> {
  return (await page
    .evaluate((fonts, ids) => (window as unknown as { __booklet: InPage }).__booklet.paginate({ fonts, ids }), fonts, ids)
    .catch(pageFailure)) as Layout | { stoppedAt: string }
}

/** The driver paginate.js puts in the page as window.__booklet (used only inside page.evaluate). */
export interface InPage {
  prepare(options: { fonts: PageFonts }): Promise<unknown>
  takeFaces(): unknown
  paginate(options: { fonts: PageFonts; ids: string[] }): Promise<unknown>
  replaceArticle(options: { articleId: string; nextArticleId: string | null; nextId: string; fonts: PageFonts; ids: string[] }): Promise<unknown>
  pagesHtml(): string
  printRulesEverywhere(on: boolean): void
  appendPages(options: { html: string; nextId: string; fonts: PageFonts; ids: string[] }): Promise<unknown>
}

export function pageFailure(error: unknown): never {
  // The browser itself gone: reported as such by renderPdf.
  if (/Target closed|Session closed|detached|disconnected|Connection closed/i.test(String((error as Error)?.message))) throw error
  // Whatever went wrong inside the page is reported, not thrown as a stack trace.
  throw new BookletError('排版脚本在浏览器中出错', { hint: String((error as Error)?.message ?? error).slice(0, 300), cause: error })
}
