/**
 * The build's way into the browser (this folder is the only code that talks to it): launches
 * Chromium, lets Paged.js paginate the booklet HTML — the whole of it, or only the articles
 * edited since the warm page laid it out (relayout.ts) — reads back where every article and
 * heading landed, and prints the PDF.
 */
import { writeFile } from 'node:fs/promises'
import { setTimeout as delay } from 'node:timers/promises'
import type { Browser, Page } from 'puppeteer-core'
import { BookletError } from '../errors.ts'
import type { PageFonts } from '../fonts/coverage.ts'
import type { RoleName } from '../fonts/roles.ts'
import { fontsUsedByRole, type UsedFont } from './fonts-used.ts'
import { closeBrowser, endBrowser, launchBrowser, protocolTimeout } from './launch-browser.ts'
import { DOCUMENT_PATH, PageFiles } from './page-files.ts'
import { pagedPolyfill } from './pagedjs-patched.ts'
import { startPageServer, type PageServer } from './page-server.ts'
import { changedArticles, layoutArticlesAlone, prepareArticleFrame, type ArticleFrame, type ArticlePlan, type LaidOut } from './relayout.ts'
import { PAGED_SCRIPT, pageFailure, runPaginate, scriptMounts, type InPage, type Layout } from './run-paginate.ts'
import { layoutInTwo, type SecondTab, type SplitPlan } from './split-layout.ts'

export interface RenderInput {
  html: string
  manuscriptRoot: string
  fontMounts: Map<string, string>
  /** Fonts the page must have loaded before layout starts. */
  fonts: PageFonts
  /** Element ids whose page is wanted (articles, headings). */
  targetIds: string[]
  browserPath?: string | undefined
  /** Whole render, in milliseconds. */
  timeoutMs?: number
  /** A browser kept open between builds (watch mode, a browser service); else one is launched. */
  session?: BrowserSession | undefined
  /** The articles, so that a warm page lays out again only those that changed (issue 6). */
  articles?: ArticlePlan | undefined
  /** The booklet in two documents, so that a whole layout runs on two cores (split-layout.ts). */
  split?: SplitPlan | undefined
  /**
   * Called as the browser starts printing: until the PDF comes back it needs nothing of this
   * process (no request to answer), which can meanwhile do work of its own.
   */
  whilePrinting?: () => void
}

/** An open browser: launched here, or a running one reached over its DevTools WebSocket. */
export interface BrowserSession {
  browser: Browser
  /** Launched (closing ends it) or connected (closing only disconnects). */
  kind: 'launched' | 'connected'
  close(): Promise<void>
  /** The page kept between builds (set by renderPdf). */
  page?: BookletPage | undefined
}

export interface PageInfo {
  index: number
  side: 'left' | 'right'
  blank: boolean
  named: 'cover' | 'front' | null
  /** On a right page: whether it ends on the line its left page ends on (LC-16; null: not a spread that must end level). */
  spread?: 'even' | 'balanced' | 'uneven' | null
}

export interface RenderResult {
  pdf: Uint8Array
  pages: PageInfo[]
  /** id → 0-based physical page index (-1 if not found) */
  targets: Record<string, number>
  bodyStartPage: number
  /** Folio printed on each page (null: none). */
  folios: (number | null)[]
  /** TOC target id → the number printed in the TOC. */
  toc: Record<string, number | null>
  /** Whether the body font compresses adjacent marks itself (else TP-3 spans were switched on). */
  compression: { halt: boolean; em: number }
  missingFonts: string[]
  /** Faces first loaded while pages were laid out, after their text had been measured (FN-6). */
  lateFonts: string[]
  /** What Chromium drew each role with (QA-7). */
  fontsUsed: Record<RoleName, UsedFont[]>
  /** Widths of —— and …… as laid out, in em of their font size (QA-5). */
  markWidths: { mark: string; em: number }[]
  refusedRequests: string[]
  /** `src` of images the browser could not decode (a broken-image icon on the page). */
  brokenImages: string[]
  /** Text printed twice on purpose: table header rows repeated on the pages a table continues on. */
  repeatedText: string
  mendedSplits: number
  /** Articles (indices) laid out alone into the last booklet's pages; null: the whole booklet was laid out. */
  relaid: number[] | null
  /** With `relaid`: pages printed exactly as in the previous render (same place, same DOM, same numbers). */
  samePages?: number[]
  /** Milliseconds spent in each phase (browser, load, layout, print). */
  phases: Record<string, number>
}

export async function renderPdf(input: RenderInput): Promise<RenderResult> {
  const started = performance.now()
  const session = input.session ?? (await openBrowser({ browserPath: input.browserPath, timeoutMs: input.timeoutMs }))
  const browserMs = Math.round(performance.now() - started)
  const refusedRequests: string[] = []
  let keep = false
  try {
    const mounts = new Map([...input.fontMounts, ...scriptMounts()])
    const builtIn = new Map([[PAGED_SCRIPT, { body: await pagedPolyfill(), contentType: 'text/javascript; charset=utf-8' }]])
    // A warm session reuses its page: the renderer keeps our fonts and Paged.js in memory, and
    // a rebuild does not pay for loading 17 MB of fonts again.
    const served = (session.page ??= await bookletPage(session.browser))
    const filesOf = (html: string) => new PageFiles(html, mounts, input.manuscriptRoot, builtIn)
    // The article frame loaded after the last build (watch): ready, or given up on, before this
    // build's files take the place of those it is loaded from.
    const readyFrame = served.articleFrame && (await Promise.race([served.articleFrame, delay(10_000, undefined, { ref: false })]))
    served.articleFrame = undefined
    served.files = filesOf(input.html)
    served.refused = refusedRequests
    served.errors = []
    let timedOut = false
    try {
      const crash = crashOf(served)
      const result = await withTimeout(Promise.race([paginateAndPrintOn(served, input, filesOf, session, readyFrame || undefined), crash.crashed]), input.timeoutMs ?? 300_000)
        .finally(crash.stop)
        .catch((error: unknown) => {
        timedOut = error instanceof LayoutTimeout
        if (error instanceof BookletError) throw error
        // The browser crashed or was killed mid-layout (out of memory, ended by the user):
        // a message, not a stack trace; the previous booklet is left as it is.
        throw new BookletError('浏览器在排版中意外退出，没有生成新的 PDF（上一次的 PDF 保持不变）', {
          hint: `可能是内存不足或浏览器被结束，请重试。浏览器报告：${String((error as Error)?.message ?? error).split('\n')[0]!.slice(0, 200)}`,
          cause: error,
        })
      })
      result.phases = { browser: browserMs, ...result.phases }
      keep = true
      return result
    } finally {
      // After a failure or a time-out the page may be hung: a fresh one next time.
      if (!keep || !input.session) {
        session.page = undefined
        // A page busy past the time limit may not answer a close for as long as protocolTimeout:
        // the browser we launched is ended at once instead (the next build or rebuild starts another).
        if (timedOut && session.kind === 'launched') {
          endBrowser(session.browser)
          await served.server.close()
        } else await served.close()
      }
    }
  } finally {
    if (!input.session) await session.close()
  }
}

/** The page a build renders in; its server serves whichever build is current. */
interface BookletPage {
  page: Page
  server: PageServer
  files: PageFiles
  refused: string[]
  errors: string[]
  /** Set when the page's renderer has died (Puppeteer's 'error'): the page is of no more use. */
  crashed?: Error | undefined
  /** What the page holds laid out, when it holds a whole booklet. */
  laidOut?: LaidOut | undefined
  /** An article frame being loaded for the next rebuild (relayout.ts, prepareArticleFrame). */
  articleFrame?: Promise<ArticleFrame | undefined> | undefined
  /** The fonts each role was drawn with in it, when last asked (fonts-used.ts). */
  fontsUsed?: Record<RoleName, UsedFont[]> | undefined
  close(): Promise<void>
}

async function bookletPage(browser: Browser, options: { window?: boolean } = {}): Promise<BookletPage> {
  const served: BookletPage = {
    page: undefined as never,
    server: undefined as never,
    files: new PageFiles('', new Map(), '/'),
    refused: [],
    errors: [],
    close: async () => {
      await served.page?.close().catch(() => undefined)
      await served.server?.close()
    },
  }
  served.server = await startPageServer(
    () => served.files,
    (what) => served.refused.push(what),
  )
  // A window of its own for a second tab laid out at the same time: a background tab would be throttled.
  const page = (served.page = await browser.newPage(options.window ? { type: 'window' } : undefined).catch(async (error: unknown) => {
    await served.server.close() // a listening server would keep the process alive
    throw error
  }))
  page.once('error', (error) => {
    served.crashed = error
  })
  // The sandbox: the page reaches its own server and nothing else, not even another port of this machine.
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    const url = request.url()
    // data: URLs carry their content inline and reach nothing (Chromium's own error pages use them).
    if (url.startsWith(`${served.server.base}/`) || url.startsWith('data:')) return void request.continue()
    if (!url.endsWith('/favicon.ico')) served.refused.push(/^https?:|^ftp:|^wss?:/.test(url) ? `外部地址（不会联网获取）：${url}` : `不允许的地址：${url.slice(0, 100)}`)
    return void request.abort('blockedbyclient')
  })
  page.on('console', (m) => process.env.BOOKLET_DEBUG && console.error(m.text()))
  page.on('pageerror', (error) => served.errors.push(String((error as Error).message ?? error)))
  // The document is not laid out until Paged.js takes it: otherwise every font slice that
  // arrives makes Chromium lay out the whole unpaginated booklet again (a second per build).
  await page.evaluateOnNewDocument(() => {
    // Adopted before the HTML is parsed; paginate.js drops it.
    const hold = new CSSStyleSheet()
    hold.replaceSync('body > * { display: none !important; }')
    document.adoptedStyleSheets = [hold]
  })
  return served
}

/** Launches Chromium, or connects to a running one (`--browser-ws`, a pool of browsers). */
export async function openBrowser(options: { browserPath?: string | undefined; wsEndpoint?: string | undefined; timeoutMs?: number | undefined }): Promise<BrowserSession> {
  if (options.wsEndpoint) {
    const puppeteer = await import('puppeteer-core')
    try {
      const browser = await puppeteer.connect({ browserWSEndpoint: options.wsEndpoint, protocolTimeout: protocolTimeout(options.timeoutMs) })
      const session: BrowserSession = {
        browser,
        kind: 'connected',
        close: async () => {
          await session.page?.close()
          await browser.disconnect().catch(() => undefined)
        },
      }
      return session
    } catch (cause) {
      throw new BookletError(`无法连接浏览器服务：${options.wsEndpoint}`, {
        hint: `请确认浏览器服务正在运行、地址以 ws:// 开头。浏览器报告：${(cause as Error).message.split('\n')[0]}`,
        cause,
      })
    }
  }
  const browser = await launchBrowser(options.browserPath, options.timeoutMs)
  const session: BrowserSession = {
    browser,
    kind: 'launched',
    close: () => closeBrowser(browser, session.page),
  }
  return session
}

/** A page whose every request is answered by `files` (nothing reaches the network). */
export async function servedPage(browser: Browser, files: Pick<PageFiles, 'get'>, refused: string[] = [], refusedNow: () => string[] = () => refused) {
  const page = await browser.newPage()
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    void files.get(request.url()).then((answer) => {
      if ('refused' in answer) {
        // Chromium asks for a favicon on its own; that is not the manuscript's doing.
        if (!request.url().endsWith('/favicon.ico')) refusedNow().push(answer.refused)
        return request.abort('blockedbyclient')
      }
      return request.respond({ status: 200, contentType: answer.contentType, body: answer.body, headers: answer.immutable ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {} })
    })
  })
  return page
}

async function paginateAndPrintOn(served: BookletPage, input: RenderInput, filesOf: (html: string) => PageFiles, session: BrowserSession, readyFrame?: ArticleFrame): Promise<RenderResult> {
  const { page, refused: refusedRequests, errors: pageErrors } = served
  const phases: Record<string, number> = {}
  let at = performance.now()
  const phase = (name: string) => {
    const now = performance.now()
    phases[name] = Math.round(now - at)
    at = now
  }
  const laidOut = served.laidOut
  // Until this layout is complete, the page holds no booklet to build on.
  served.laidOut = undefined
  const changed = changedArticles(laidOut, input.articles)
  const relaid = changed && input.articles ? await layoutArticlesAlone(page, served.server.base, served.files, { ...input, articles: input.articles }, changed, phase, readyFrame) : undefined
  const layout = relaid ?? (await layoutWhole(served, input, phase, filesOf, session))
  // For developers: the paginated DOM, to see what Paged.js made of the document.
  if (process.env.BOOKLET_DEBUG_DOM) await writeFile(process.env.BOOKLET_DEBUG_DOM, await page.content())
  for (const [name, ms] of Object.entries(layout.inPage)) phases[`layout.${name}`] = ms
  phase('layout')
  // Forgotten first: an answer that failed half-way must not stand for the samples it marked.
  const previousFonts = served.fontsUsed
  served.fontsUsed = undefined
  const fontsUsed = (served.fontsUsed = await fontsUsedByRole(page, previousFonts))
  phase('fonts-used')
  if (pageErrors.length > 0) {
    throw new BookletError('排版脚本在浏览器中出错', { hint: pageErrors.slice(0, 3).join('\n') })
  }
  const printRules = (everywhere: boolean) => page.evaluate((on) => (window as unknown as { __booklet: InPage }).__booklet.printRulesEverywhere(on), everywhere).catch(pageFailure)
  await printRules(true)
  const printing = page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 })
  input.whilePrinting?.()
  const pdf = await printing
  // Put back for a page kept for the next build (watch); nothing is laid out again until then.
  await printRules(false)
  phase('print')
  // For developers: the PDF as printed, before post-processing and preflight (which may refuse it).
  if (process.env.BOOKLET_DEBUG_PDF) await writeFile(process.env.BOOKLET_DEBUG_PDF, pdf)
  if (input.articles) {
    const { frameKey, ids, keys } = input.articles
    served.laidOut = { frameKey, ids, keys, relayouts: relaid ? (laidOut?.relayouts ?? 0) + 1 : 0 }
    // The frame the next edited article will be laid out in, loaded now rather than then (0.1 s
    // of a rebuild): not waited for, the page has nothing else to do until the next save.
    served.articleFrame = prepareArticleFrame(page, served.server.base, served.files, input.articles).catch(() => undefined)
  }
  const { inPage: _, ...result } = layout
  return { ...result, pdf, refusedRequests, fontsUsed, relaid: relaid ? changed! : null, phases }
}

/** Paged.js lays out the whole booklet, from a fresh load of its document (in two parts at once when it is long). */
async function layoutWhole(served: BookletPage, input: RenderInput, phase: (name: string) => void, filesOf: (html: string) => PageFiles, session: BrowserSession): Promise<Layout> {
  const { page } = served
  const base = served.server.base
  let layout: Layout | { stoppedAt: string } | undefined
  if (input.split) {
    const plan = input.split
    served.files = filesOf(plan.first)
    const openSecond = async (): Promise<SecondTab> => {
      const second = await bookletPage(session.browser, { window: true })
      second.files = filesOf(plan.second)
      second.refused = served.refused
      return { page: second.page, base: second.server.base, errors: second.errors, close: () => second.close() }
    }
    const inTwo = await layoutInTwo(page, base, openSecond, { fonts: input.fonts, targetIds: input.targetIds, plan }, phase)
    served.files = filesOf(input.html)
    if ('refused' in inTwo) {
      if (process.env.BOOKLET_DEBUG) console.error(`split layout refused: ${inTwo.refused}`)
    } else layout = inTwo
  }
  if (!layout) {
    await page.goto(`${base}${DOCUMENT_PATH}`, { waitUntil: 'load' })
    phase('goto')
    layout = await runPaginate(page, base, input.fonts, input.targetIds, phase)
  }
  if ('stoppedAt' in layout) {
    throw new BookletError(`排版引擎在“${layout.stoppedAt}……”处无法继续分页，其后的内容排不出来，没有生成新的 PDF`, {
      hint: '请把这一段拆成几段；若这里是比一页还高、又不能拆开的内容（很大的表格行、图片或不换行的长串字符），请把它拆小后再生成。',
    })
  }
  return layout
}

/** The layout ran past --timeout. */
class LayoutTimeout extends BookletError {}

/**
 * Issue 20 (F-7): the page's renderer process dying mid-layout (out of memory, killed). The
 * DevTools calls into the page then never answer; the build would wait out its time limit and
 * blame the manuscript. Puppeteer says so at once ('error' on the page): so does the build.
 */
function crashOf(served: BookletPage): { crashed: Promise<never>; stop: () => void } {
  const page = served.page
  let listener: ((error: Error) => void) | undefined
  const crashed = new Promise<never>((_, reject) => {
    listener = (error: Error) =>
      reject(
        new BookletError('排版用的浏览器页面崩溃了（渲染进程意外退出），没有生成新的 PDF（上一次的 PDF 保持不变）', {
          hint: `常见原因是内存不足：请关闭其他程序后重试，或把很长的文章分成几篇。浏览器报告：${error.message.split('\n')[0]!.slice(0, 200)}`,
          cause: error,
        }),
      )
    // Crashed before this build came to it (a warm page, between two rebuilds): at once.
    if (served.crashed) listener(served.crashed)
    else page.once('error', listener)
  })
  crashed.catch(() => undefined)
  return { crashed, stop: () => listener && page.off('error', listener) }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LayoutTimeout(`排版超时（超过 ${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} 秒），已停止浏览器`, {
            hint: '稿件可能过大，或浏览器卡住了；可用 --timeout 秒数 放宽时限。',
          }),
        ),
      ms,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
