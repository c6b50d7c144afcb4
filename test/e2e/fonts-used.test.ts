/**
 * QA-7 / FN-6: which font each role was drawn with is asked of the browser, for the first few
 * elements of each role. A rebuild in a warm page (issue 6) asks again only when those elements
 * are not the ones asked about last time (an article laid out again brings new elements).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'puppeteer-core'
import { fontsUsedByRole } from '../../src/render/fonts-used.ts'
import { openBrowser, type BrowserSession } from '../../src/render/render-pdf.ts'

describe('fonts used by each role', () => {
  let session: BrowserSession
  let page: Page
  beforeAll(async () => {
    session = await openBrowser({})
    page = await session.browser.newPage()
    await page.setContent(`<!doctype html><html lang="zh-CN"><body>
      <h1 class="article-title">标题</h1>
      <div class="article-body"><h2>一、总体要求</h2><p>正文第一段。</p><p>正文第二段。</p></div>
      <p class="toc-page">12</p></body></html>`)
  }, 60_000)
  afterAll(() => session?.close())

  const glyphs = (used: Awaited<ReturnType<typeof fontsUsedByRole>>, role: keyof typeof used) => used[role].reduce((sum, font) => sum + font.glyphs, 0)

  it('gives the glyphs of each role by font', async () => {
    const used = await fontsUsedByRole(page)
    expect(glyphs(used, 'xbs')).toBe(2)
    expect(glyphs(used, 'hei')).toBe(6)
    expect(glyphs(used, 'fs')).toBe(12)
    // Nothing of the question stays in the page.
    expect(await page.$$('[data-booklet-sample]')).toHaveLength(0)
  })

  it('keeps the last answer while the samples are the same elements, and asks again when one is new', async () => {
    const first = await fontsUsedByRole(page)
    expect(await fontsUsedByRole(page, first)).toBe(first)
    // An article laid out again: its paragraphs are new elements, with other text.
    await page.evaluate(() => {
      const old = document.querySelector('.article-body p')!
      const fresh = document.createElement('p')
      fresh.textContent = '正文第一段改过以后长了一些。'
      old.replaceWith(fresh)
    })
    const after = await fontsUsedByRole(page, first)
    expect(after).not.toBe(first)
    expect(glyphs(after, 'fs')).toBe(20)
    expect(await fontsUsedByRole(page, after)).toBe(after)
  })
})
