/**
 * Issue 6, a cold layout on two cores: Paged.js runs in one thread of one renderer, so a whole
 * booklet is laid out on one core while the other waits. Every article opens a right-hand page,
 * so the later articles can be laid out at the same time in a second tab (its own renderer
 * process, in a window of its own so that it is not a background tab) while the booklet's page
 * lays out the cover, 目录 and the first articles; the second tab's pages then move over as
 * HTML (in-page/paginate.js, appendPages) and the booklet is numbered and measured as after a
 * whole layout.
 */
import type { Page } from 'puppeteer-core'
import type { PageFonts } from '../fonts/coverage.ts'
import { DOCUMENT_PATH } from './page-files.ts'
import { pageFailure, runPaginate, type InPage, type Layout } from './run-paginate.ts'

/** The booklet as two documents (splitDocuments) and where the second one's pages go. */
export interface SplitPlan {
  /** Cover, 目录 and the first articles, then an empty article with id `nextId`. */
  first: string
  /** The remaining articles. */
  second: string
  nextId: string
}

/**
 * Below about this many characters of manuscript (some 260 A5 pages) a second tab costs more than
 * it saves: its start, loading Paged.js and the faces again while the first tab does the same.
 * Since Paged.js lays out page after page without waiting for frames, and finished pages are set
 * aside (paginate.js), one tab is fast enough for that long. Measured (render, one tab / two):
 * 215 pages (97 000 characters) 4.45 / 4.80 s; 529 pages (240 000) 12.2 / 10.3 s.
 */
export const MIN_SPLIT_CHARS = 120_000

/**
 * Where to split the articles (their lengths in characters of manuscript text) so that both tabs
 * have about as much to lay out; the first tab also lays out the cover and the 目录, a few pages.
 * Undefined when there is only one article or less text than `minimum`.
 */
export function splitPoint(articleChars: number[], minimum = MIN_SPLIT_CHARS): number | undefined {
  const total = articleChars.reduce((a, b) => a + b, 0)
  if (articleChars.length < 2 || total < minimum) return undefined
  let best = 1
  let bestGap = Infinity
  for (let at = 1, first = articleChars[0]!; at < articleChars.length; first += articleChars[at]!, at++) {
    const gap = Math.abs(first - (total - first))
    if (gap < bestGap) [best, bestGap] = [at, gap]
  }
  return best
}

/** A second tab whose server answers the given document at DOCUMENT_PATH. */
export interface SecondTab {
  page: Page
  base: string
  errors: string[]
  close(): Promise<void>
}

export type TwoPartLayout = Layout | { stoppedAt: string } | { refused: string }

/**
 * Lays out plan.first in `page` (its server answering it) and plan.second in a second tab at
 * the same time, then moves the second tab's pages over. Refused when they do not fit (the
 * caller lays out the whole booklet instead).
 */
export async function layoutInTwo(
  page: Page,
  base: string,
  openSecond: () => Promise<SecondTab>,
  input: { fonts: PageFonts; targetIds: string[]; plan: SplitPlan },
  phase: (name: string) => void,
): Promise<TwoPartLayout> {
  // A browser service may not open another window: then the booklet is laid out whole, in one tab.
  let tab: SecondTab
  try {
    tab = await openSecond()
  } catch (error) {
    return { refused: `no second tab: ${String((error as Error)?.message ?? error).slice(0, 100)}` }
  }
  try {
    const [first, second] = await Promise.all([
      (async () => {
        await page.goto(`${base}${DOCUMENT_PATH}`, { waitUntil: 'load' })
        phase('goto')
        return runPaginate(page, base, input.fonts, input.targetIds, phase)
      })(),
      (async () => {
        await tab.page.goto(`${tab.base}${DOCUMENT_PATH}`, { waitUntil: 'load' })
        // Only the faces its own text is drawn in: every role's face, and the numbers Paged.js writes
        // into pages later, are loaded by the booklet's page (the 10 MB 楷体 of the cover, say).
        const layout = await runPaginate(tab.page, tab.base, { shorthands: [], lacking: input.fonts.lacking }, [], () => undefined)
        if ('stoppedAt' in layout) return layout
        if (tab.errors.length > 0) return { refused: `second tab: ${tab.errors[0]}` }
        const html = (await tab.page.evaluate(() => (window as unknown as { __booklet: InPage }).__booklet.pagesHtml()).catch(pageFailure)) as string
        return { ...layout, html }
      })(),
    ])
    if ('stoppedAt' in first) return first
    if ('stoppedAt' in second || 'refused' in second) return second
    phase('layout')
    const joined = (await page
      .evaluate((options) => (window as unknown as { __booklet: InPage }).__booklet.appendPages(options), {
        html: second.html,
        nextId: input.plan.nextId,
        fonts: input.fonts,
        ids: input.targetIds,
      })
      .catch(pageFailure)) as Layout | { refused: string }
    if ('refused' in joined) return joined
    const inPage = { ...first.inPage, ...Object.fromEntries(Object.entries(second.inPage).map(([name, ms]) => [`second.${name}`, ms])), ...joined.inPage }
    return {
      ...joined,
      lateFonts: [...new Set([...first.lateFonts, ...second.lateFonts])],
      missingFonts: [...new Set([...first.missingFonts, ...second.missingFonts, ...joined.missingFonts])],
      mendedSplits: first.mendedSplits + second.mendedSplits,
      inPage,
    }
  } finally {
    await tab.close().catch(() => undefined)
  }
}
