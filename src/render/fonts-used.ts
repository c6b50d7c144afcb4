/**
 * QA-7 / FN-6: which font Chromium actually drew each role with, asked through the DevTools
 * protocol (CSS.getPlatformFontsForNode) rather than guessed from the CSS.
 */
import type { Page } from 'puppeteer-core'
import type { RoleName } from '../fonts/roles.ts'

export interface UsedFont {
  family: string
  /** Loaded through @font-face (the project's bundled font) rather than installed on the machine. */
  webFont: boolean
  glyphs: number
}

/** Elements that show each role in a booklet page (and in the `booklet fonts` sample page). */
export const ROLE_SELECTORS: Record<RoleName, string> = {
  xbs: '.article-title, .cover-title, [data-role="xbs"]',
  hei: '.article-body h2, .article-body strong, [data-role="hei"]',
  kai: '.article-subtitle, .article-body h3:not(:has(strong, code)), blockquote p:not(:has(strong, code)), [data-role="kai"]',
  // Chromium counts the text of descendants too: paragraphs with 黑体/楷体 runs are left out, and
  // so are quoted paragraphs (楷体), wherever they are — an article may open with a quotation.
  fs: '.article-body p:not(:has(strong, em, code)):not(blockquote p, .footnotes-label, .attachment-label, .attachment-title), [data-role="fs"]',
  song: '.toc-page, [data-role="song"]',
}

const SAMPLES_PER_ROLE = 5

/**
 * `previous`: the answer for this page's last booklet (a warm page in watch). When the same
 * elements are the samples again — none of them in pages laid out since, which are new
 * elements — it is still the answer and the browser is not asked again (60–80 ms a rebuild).
 */
export async function fontsUsedByRole(page: Page, previous?: Record<RoleName, UsedFont[]>): Promise<Record<RoleName, UsedFont[]>> {
  // The first few elements of each role are marked in the page and only they are asked for:
  // the whole document over the protocol (DOM.getDocument of every node) cost a third of a
  // second at 200 pages.
  const sameSamples = await page.evaluate(
    (selectors, samples, answered) => {
      const chosen = Object.entries(selectors).flatMap(([role, selector]) => [...document.querySelectorAll(selector)].slice(0, samples).map((element) => ({ role, element })))
      const held = window as unknown as { __bookletFontSamples?: typeof chosen }
      const before = held.__bookletFontSamples
      held.__bookletFontSamples = chosen
      if (answered && before && before.length === chosen.length && before.every((sample, i) => sample.role === chosen[i]!.role && sample.element === chosen[i]!.element)) return true
      for (const { role, element } of chosen) {
        element.setAttribute('data-booklet-sample', `${element.getAttribute('data-booklet-sample') ?? ''} ${role}`.trim())
      }
      return false
    },
    ROLE_SELECTORS,
    SAMPLES_PER_ROLE,
    previous !== undefined,
  )
  if (sameSamples && previous) return previous
  const session = await page.createCDPSession()
  try {
    await session.send('DOM.enable')
    await session.send('CSS.enable')
    const { root } = await session.send('DOM.getDocument', { depth: 0 })
    // All questions sent at once: one after another, their round trips cost 0.1 s.
    const roles = Object.keys(ROLE_SELECTORS) as RoleName[]
    const perRole = await Promise.all(
      roles.map(async (role) => {
        const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[data-booklet-sample~="${role}"]` })
        const answers = await Promise.all(nodeIds.map((nodeId) => session.send('CSS.getPlatformFontsForNode', { nodeId })))
        const totals = new Map<string, UsedFont>()
        for (const font of answers.flatMap((answer) => answer.fonts)) {
          const seen = totals.get(font.familyName) ?? { family: font.familyName, webFont: font.isCustomFont, glyphs: 0 }
          seen.glyphs += font.glyphCount
          totals.set(font.familyName, seen)
        }
        return [role, [...totals.values()].sort((a, b) => b.glyphs - a.glyphs)] as const
      }),
    )
    return Object.fromEntries(perRole) as Record<RoleName, UsedFont[]>
  } finally {
    await session.detach().catch(() => undefined)
    // Nothing of this stays in the page that is printed next.
    await page.evaluate(() => {
      for (const element of document.querySelectorAll('[data-booklet-sample]')) element.removeAttribute('data-booklet-sample')
    }).catch(() => undefined)
  }
}
