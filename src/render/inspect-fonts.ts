/**
 * `booklet fonts`: lays out one sample line per role with the booklet's own font stacks and asks
 * Chromium which face drew it; probes every official system font name to say which are installed.
 */
import { fontCss, fontMounts, ROLES } from '../fonts/roles.ts'
import { roleFontReports, type RoleFontReport } from '../fonts/role-report.ts'
import { fontsUsedByRole } from './fonts-used.ts'
import { DOCUMENT_PATH, ORIGIN, PageFiles } from './page-files.ts'
import { launchBrowser } from './launch-browser.ts'
import { servedPage } from './render-pdf.ts'

export interface FontsInspection {
  roles: RoleFontReport[]
  /** Official system font names per role, and whether this machine has them. */
  system: { role: string; family: string; installed: boolean }[]
}

const SAMPLE = '学习贯彻党的二十大精神〇一二三——“引号”，。2026'

function samplePage(css: string): string {
  const roles = ROLES.map((r) => `<p data-role="${r.name}" style="font-family: var(${r.cssVar}); font-weight: var(${r.cssVar}-weight)">${SAMPLE}</p>`)
  // Each probe names one system font and then a family that does not exist: if the system font
  // is missing, Chromium falls back to its default face and reports that instead.
  const probes = ROLES.flatMap((r) =>
    r.system.map((family) => `<p data-probe="${r.name}" data-family="${family}" style="font-family: '${family}', 'booklet-no-such-font'">汉字</p>`),
  )
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>${[...roles, ...probes].join('')}</body></html>`
}

export async function inspectFonts(browserPath?: string): Promise<FontsInspection> {
  const browser = await launchBrowser(browserPath, 60_000)
  try {
    const page = await servedPage(browser, new PageFiles(samplePage(await fontCss()), fontMounts(), process.cwd()))
    await page.goto(`${ORIGIN}${DOCUMENT_PATH}`, { waitUntil: 'load' })
    await page.evaluate(async (families) => {
      await Promise.all(families.map((f) => document.fonts.load(`16px "${f}"`, '学习贯彻〇一二三——“引号”，。2026')))
      await document.fonts.ready
    }, [...new Set(ROLES.map((r) => r.open.family))])
    const used = await fontsUsedByRole(page)
    const session = await page.createCDPSession()
    await session.send('DOM.enable')
    await session.send('CSS.enable')
    const { root } = await session.send('DOM.getDocument', { depth: -1 })
    const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-probe]' })
    const system: FontsInspection['system'] = []
    for (const nodeId of nodeIds) {
      const { attributes } = await session.send('DOM.getAttributes', { nodeId })
      const attr = (name: string) => attributes[attributes.indexOf(name) + 1] ?? ''
      const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId })
      const family = attr('data-family')
      const role = ROLES.find((r) => r.name === attr('data-probe'))!
      system.push({ role: role.label, family, installed: fonts.some((f) => f.familyName === family) })
    }
    return { roles: roleFontReports(used, 'booklet fonts').fonts, system }
  } finally {
    await browser.close().catch(() => undefined)
  }
}
