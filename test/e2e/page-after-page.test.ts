/**
 * How page after page is laid out (issue 6; not timed — the benchmark measures speed).
 * Paged.js as patched (pagedjs-patched.ts) does not wait for an animation frame between pages:
 * unpatched, each page waited for the next frame (16.7 ms at 60 Hz), half of the layout time of
 * a 55-page booklet; with no frame ever coming, it must still lay out some twenty pages. And our
 * driver (paginate.js) takes finished pages out of layout while later ones are laid out.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openBrowser, type BrowserSession } from '../../src/render/render-pdf.ts'
import { pagedPolyfill } from '../../src/render/pagedjs-patched.ts'

describe('Paged.js laying out page after page', () => {
  let session: BrowserSession
  beforeAll(async () => {
    session = await openBrowser({})
  }, 60_000)
  afterAll(() => session?.close())

  /** A page holding some twenty A5 pages of text and the patched Paged.js; `before` runs first. */
  async function someTwentyPages(before: () => void = () => undefined): Promise<Page> {
    const page = await session.browser.newPage()
    const paragraph = '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。'.repeat(12)
    await page.setContent(`<!doctype html><html><head><style>@page { size: 148mm 210mm; margin: 20mm; } p { font-size: 16px; line-height: 2; }</style></head>
<body>${`<p>${paragraph}</p>`.repeat(50)}</body></html>`)
    await page.evaluate(() => {
      ;(window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false }
    })
    await page.evaluate(before)
    await page.addScriptTag({ content: (await pagedPolyfill()).toString() })
    return page
  }

  /** Adds our page driver (window.__booklet) as the build does. */
  async function withOurDriver(page: Page): Promise<Page> {
    await page.addScriptTag({ content: readFileSync(join(resolve(import.meta.dirname, '../..'), 'src/render/in-page/paginate.js'), 'utf8') })
    return page
  }

  it('lays out twenty pages without waiting for any animation frame', async () => {
    // No frame ever comes (Paged.js takes the function when its script runs): it must not need
    // one to go from page to page.
    const page = await someTwentyPages(() => {
      window.requestAnimationFrame = () => 0
    })
    try {
      const pages = await page.evaluate(async () => {
        const laidOut = (window as unknown as { PagedPolyfill: { preview(): Promise<unknown> } }).PagedPolyfill.preview().then(() => document.querySelectorAll('.pagedjs_page').length)
        return Promise.race([laidOut, new Promise<string>((done) => setTimeout(() => done(`stuck after ${document.querySelectorAll('.pagedjs_page').length} pages`), 10_000))])
      })
      expect(pages).toBeGreaterThanOrEqual(20)
    } finally {
      await page.close()
    }
  })

  it('takes finished pages out of the document while it lays out the next (each page cost more than the one before), and puts them all back in order at the end', async () => {
    const page = await withOurDriver(await someTwentyPages())
    try {
      // Pages in the document and laid out each time a page has been laid out.
      const { inLayout, pages, hidden, numbers } = await page.evaluate(`(async () => {
        const inLayout = []
        class Count extends window.Paged.Handler {
          afterPageLayout() {
            inLayout.push(document.querySelectorAll('.pagedjs_page').length)
          }
        }
        window.Paged.registerHandlers(Count)
        await window.__booklet.paginate({ fonts: { shorthands: [], lacking: {} }, ids: [] })
        const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')]
        return { inLayout, pages: pages.length, hidden: pages.filter((p) => getComputedStyle(p).display === 'none').length, numbers: pages.map((p) => Number(p.dataset.pageNumber)) }
      })()`) as { inLayout: number[]; pages: number; hidden: number; numbers: number[] }
      expect(pages).toBeGreaterThanOrEqual(20)
      expect(inLayout.length).toBe(pages)
      expect(Math.max(...inLayout)).toBeLessThanOrEqual(4)
      // All back, in their order.
      expect(hidden).toBe(0)
      expect(numbers).toEqual(Array.from({ length: pages }, (_, i) => i + 1))
    } finally {
      await page.close()
    }
  })

  it('prints with the @media print rules applying everywhere (no style recomputed for the medium), and puts them back after', async () => {
    const page = await withOurDriver(await someTwentyPages())
    try {
      const state = () =>
        page.evaluate(() => {
          const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules])
          return {
            mediaRules: rules.filter((rule) => rule instanceof CSSMediaRule).length,
            breakAfterPage: rules.some((rule) => rule instanceof CSSStyleRule && rule.selectorText === '.pagedjs_page' && rule.style.breakAfter === 'page'),
            heights: [...document.querySelectorAll('.pagedjs_page')].map((p) => Math.round(p.getBoundingClientRect().height)),
          }
        })
      await page.evaluate(`window.__booklet.paginate({ fonts: { shorthands: [], lacking: {} }, ids: [] })`)
      const laidOut = await state()
      expect(laidOut).toMatchObject({ mediaRules: 1, breakAfterPage: false })
      await page.evaluate(`window.__booklet.printRulesEverywhere(true)`)
      expect(await state()).toMatchObject({ mediaRules: 0, breakAfterPage: true })
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
      // One PDF page per laid-out page: the print rules (a page break after each page) still apply.
      expect(new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page\b/g)?.length).toBe(laidOut.heights.length)
      await page.evaluate(`window.__booklet.printRulesEverywhere(false)`)
      expect(await state()).toEqual(laidOut)
    } finally {
      await page.close()
    }
  })
})
