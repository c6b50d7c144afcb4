/**
 * The only module that talks to the browser: launches Chromium, lets Paged.js paginate the
 * booklet HTML, reads back where every article and heading landed, and prints the PDF.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'puppeteer-core'
import { BookletError } from '../errors.ts'
import type { RoleName } from '../fonts/roles.ts'
import { fontsUsedByRole, type UsedFont } from './fonts-used.ts'
import { locateBrowser } from './locate-browser.ts'
import { DOCUMENT_PATH, ORIGIN, PageFiles } from './page-files.ts'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))

export interface RenderInput {
  html: string
  manuscriptRoot: string
  fontMounts: Map<string, string>
  /** Fonts (CSS shorthand with weight) the page must have loaded before layout starts. */
  fontFamilies: string[]
  /** Element ids whose page is wanted (articles, headings). */
  targetIds: string[]
  browserPath?: string | undefined
  /** Whole render, in milliseconds. */
  timeoutMs?: number
}

export interface PageInfo {
  index: number
  side: 'left' | 'right'
  blank: boolean
  named: 'cover' | 'front' | null
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
  /** What Chromium drew each role with (QA-7). */
  fontsUsed: Record<RoleName, UsedFont[]>
  /** Widths of —— and …… as laid out, in em of their font size (QA-5). */
  markWidths: { mark: string; em: number }[]
  refusedRequests: string[]
  mendedSplits: number
}

/** Why each flag: see the comments; all of them keep the browser off the network. */
const LAUNCH_ARGS = [
  '--no-sandbox', // runs as root in containers and CI
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking', // no connections to Google's services (refused here anyway)
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage', // small /dev/shm in containers
  '--font-render-hinting=none', // glyph advances as designed, same as in the PDF
]

export async function renderPdf(input: RenderInput): Promise<RenderResult> {
  const browser = await launchBrowser(input.browserPath, input.timeoutMs)
  try {
    return await withTimeout(paginateAndPrint(browser, input), input.timeoutMs ?? 300_000)
  } finally {
    await browser.close().catch(() => undefined)
  }
}

export async function launchBrowser(browserPath: string | undefined, timeoutMs = 300_000): Promise<Browser> {
  const executablePath = locateBrowser({ flag: browserPath })
  const puppeteer = await import('puppeteer-core')
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      args: LAUNCH_ARGS,
      protocolTimeout: timeoutMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
  } catch (cause) {
    throw new BookletError(`浏览器无法启动：${executablePath}`, {
      hint: `浏览器报告：${(cause as Error).message.split('\n')[0]}`,
      cause,
    })
  }
}

/** A page whose every request is answered by `files` (nothing reaches the network). */
export async function servedPage(browser: Browser, files: PageFiles, refused: string[] = []) {
  const page = await browser.newPage()
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    void files.get(request.url()).then((answer) => {
      if ('refused' in answer) {
        // Chromium asks for a favicon on its own; that is not the manuscript's doing.
        if (!request.url().endsWith('/favicon.ico')) refused.push(answer.refused)
        return request.abort('blockedbyclient')
      }
      return request.respond({ status: 200, contentType: answer.contentType, body: answer.body })
    })
  })
  return page
}

async function paginateAndPrint(browser: Browser, input: RenderInput): Promise<RenderResult> {
  const refusedRequests: string[] = []
  const page = await servedPage(browser, new PageFiles(input.html, input.fontMounts, input.manuscriptRoot), refusedRequests)
  const pageErrors: string[] = []
  page.on('console', (m) => process.env.BOOKLET_DEBUG && console.error(m.text()))
  page.on('pageerror', (error) => pageErrors.push(String((error as Error).message ?? error)))
  await page.goto(`${ORIGIN}${DOCUMENT_PATH}`, { waitUntil: 'load' })
  await page.evaluate(() => {
    ;(window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false }
  })
  const pagedPath = join(dirname(require.resolve('pagedjs')), '../dist/paged.polyfill.js')
  await page.addScriptTag({ content: await readFile(pagedPath, 'utf8') })
  await page.addScriptTag({ content: await readFile(join(here, 'in-page/paginate.js'), 'utf8') })
  const layout = await page.evaluate(
    (families, ids) =>
      (window as unknown as { __booklet: { paginate: (o: object) => Promise<unknown> } }).__booklet.paginate({
        families,
        ids,
      }),
    input.fontFamilies,
    input.targetIds,
  )
  // For developers: the paginated DOM, to see what Paged.js made of the document.
  if (process.env.BOOKLET_DEBUG_DOM) await writeFile(process.env.BOOKLET_DEBUG_DOM, await page.content())
  const fontsUsed = await fontsUsedByRole(page)
  if (pageErrors.length > 0) {
    throw new BookletError('排版脚本在浏览器中出错', { hint: pageErrors.slice(0, 3).join('\n') })
  }
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0 })
  return { ...(layout as Omit<RenderResult, 'pdf' | 'refusedRequests' | 'fontsUsed'>), pdf, refusedRequests, fontsUsed }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BookletError(`排版超时（超过 ${Math.round(ms / 1000)} 秒），已停止浏览器`, {
            hint: '稿件可能过大，或浏览器卡住了；可用 --timeout 秒数 放宽时限。',
          }),
        ),
      ms,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
