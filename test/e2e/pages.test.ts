/**
 * Issue 19, with a real browser: the seven real documents of test/fixtures/pages (tables with merged
 * cells over several pages, a budget of five- and six-column tables under their titles, long lists,
 * lines ended by hard breaks, a web address in the text, study material in short sections; sources
 * in its README), built in both presets. The preflight
 * reads the printed PDF; every check of a typesetter's sign-off must pass, and the tables are
 * read back from the print: merged cells, 续表 and the header on continued pages, no empty
 * column, no column set letter by letter.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import type { BuildReport } from '../../src/report.ts'
import { extent, findText, measurePages, type PrintedPage } from '../helpers/pdf-geometry.ts'
import { pageTexts, squash } from '../helpers/pdf.ts'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/pages')
const PRESETS = ['a5-booklet', 'gongwen-a4'] as const

interface Built {
  report: BuildReport
  html: string
  texts: string[]
  pages: PrintedPage[]
}

const built = new Map<string, Built>()

beforeAll(async () => {
  for (const preset of PRESETS) {
    const dir = mkdtempSync(join(tmpdir(), `booklet-pages-${preset}-`))
    const report = await build({ input: FIXTURES, outDir: dir, preset, cwd: dir })
    expect(report.ok, JSON.stringify(report.diagnostics.filter((d) => d.severity === 'error'))).toBe(true)
    const pdf = join(dir, 'booklet.pdf')
    built.set(preset, { report, html: readFileSync(join(dir, 'booklet.html'), 'utf8'), texts: pageTexts(pdf), pages: await measurePages(pdf) })
  }
}, 240_000)

describe.each(PRESETS)('real documents with tables and hard breaks, %s', (preset) => {
  const get = () => built.get(preset)!

  it('passes every check of the preflight, the four of issue 19 among them', () => {
    const checks = get().report.preflight!.checks
    expect(checks.map((c) => c.id)).toEqual(expect.arrayContaining(['stretched-lines', 'heading-foot', 'one-char-line', 'text-layer']))
    expect(checks.filter((c) => !c.ok)).toEqual([])
  })

  it('keeps the merged cells of the Word tables, and prints no empty column', () => {
    const { html } = get()
    // 课程与学分结构: 至少48 over fourteen rows, 知识拓展类 over five; Word's empty last column gone.
    expect(html).toMatch(/<td rowspan="14"[^>]*>至少<br>\s*48<\/td>/u)
    expect(html).toMatch(/<td rowspan="5"[^>]*>知识<br>\s*拓展类<\/td>/u)
    const table = html.slice(html.indexOf('<table>', html.indexOf('浙江省普通高中课程与学分结构')))
    const firstRow = table.slice(0, table.indexOf('</tr>'))
    expect([...firstRow.matchAll(/colspan="(\d+)"/gu)].map((m) => Number(m[1]))).toEqual([3, 3])
    expect(firstRow.match(/<t[hd][ >]/gu)).toHaveLength(2)
  })

  it('prints a merged cell again, with 续表 and the header, on every page its table continues on', () => {
    const { texts, pages } = get()
    // 附件2 of the plan: 160 projects, 区域 merged over up to 28 rows, over several pages.
    const continued = texts.flatMap((text, i) => (/计划投资/u.test(text) && /越城区|柯桥区|上虞区|诸暨市|嵊州市|新昌县/u.test(text) ? [i] : [])).slice(1)
    expect(continued.length).toBeGreaterThan(1)
    for (const i of continued) {
      const page = pages[i]!
      const label = extent(findText(page, '续表'))
      const header = extent(findText(page, '序号区域项目名称'))
      // 续表 over the repeated header, the header over every other text of the page.
      expect(label.baseline, `page ${i + 1}`).toBeLessThan(header.baseline)
      const top = Math.min(...page.texts.filter((t) => t.emTop > label.emBottom).map((t) => t.emTop))
      expect(header.emTop - top, `page ${i + 1}`).toBeLessThan(6)
    }
    // Rows of one 区域 on two pages: its name is printed on both.
    expect(continued.filter((i) => texts[i]!.includes('诸暨市')).length + continued.filter((i) => texts[i]!.includes('越城区')).length).toBeGreaterThan(1)
  })

  it('prints each budget table under its title and unit, on the same page as its header (07-budget)', () => {
    const { texts, html } = get()
    // 表二: 资金用途 merged over ten rows beside 预算 and 总计 (merged over two) — five columns and more, with merged cells kept.
    expect(html).toMatch(/<td rowspan="10"[^>]*>用于英贤人才引进/u)
    for (const [title, header] of [
      ['表一：2019—2023年项目经费总预算', '赞助金额'],
      ['表二：“杏坛英贤计划”建设项目预算', '资金用途'],
      ['表三：“未来英贤计划”建设项目预算', '资金用途'],
    ] as const) {
      const page = texts.findIndex((text) => squash(text).includes(squash(title)))
      expect(page, title).toBeGreaterThan(0)
      expect(squash(texts[page]!), title).toContain(`${squash(title)}单位：万元`)
      expect(squash(texts[page]!), title).toContain(header)
    }
  })

  it('sets no table column letter by letter: short cells stay whole on one line', () => {
    const { texts } = get()
    const all = texts.join('\n')
    for (const cell of ['思想政治', '信息技术', '通用技术', '拓展类', '技能类', '序号', '姓名', '陈忆宁']) {
      expect(all.split('\n').some((line) => line.includes(cell)), cell).toBe(true)
    }
    // A stacked column would print lines of one Han character: none in the tables' pages.
    const lone = texts.flatMap((text) => text.split('\n').filter((line) => /^\p{Script=Han}$/u.test(line.trim())))
    expect(lone).toEqual([])
  })

  it('sets the lines a hard break ends flush left, the web address broken inside the line', () => {
    const { pages } = get()
    // 学校领导班子成员； — a short line before a hard break, in the body size, ends far from the right edge.
    const line = pages.flatMap((page) => page.texts).find((t) => t.text.replace(/\s/gu, '') === '学校领导班子成员；')
    expect(line).toBeDefined()
    expect(line!.right - line!.left).toBeLessThan(10 * line!.sizePt * (25.4 / 72))
    expect(get().texts.join('').replace(/\s/gu, '')).toContain('一、登录网站https://jsfzxx.zjedu.gov.cn/ability/login')
  })
})

/**
 * Merged cells at every place a page break can fall: twelve copies of a project table (区域
 * merged over 9, 14 and 6 rows, a 项目名称 merged over two), each starting one paragraph lower.
 * Paged.js moved the rows under a merged cell as one block and stopped on a block taller than a
 * page, or lost the row after it; every copy must print whole, with its merged cells.
 */
describe.each(PRESETS)('merged cells across page breaks, %s', (preset) => {
  const PARAGRAPH = '各单位要结合实际认真贯彻落实本通知的各项要求，确保各项工作任务按期保质完成，不断提高工作水平。'
  let report: BuildReport
  let texts: string[]

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), `booklet-spans-${preset}-`))
    const manuscript = join(dir, 'm')
    mkdirSync(manuscript)
    for (let n = 0; n < 12; n++) {
      const rows = ['<tr><th>区域</th><th>序号</th><th>项目名称</th><th>投资</th></tr>']
      let k = 0
      for (const [region, count] of [['越城区', 9], ['柯桥区', 14], ['上虞区', 6]] as const) {
        for (let i = 0; i < count; i++) {
          k++
          const first = i === 0 ? `<td rowspan="${count}">${region}</td>` : ''
          const name = i % 5 === 0 && i + 1 < count ? `<td rowspan="2">第${k}项工程（含配套设施建设）</td>` : i % 5 === 1 ? '' : `<td>第${k}项工程</td>`
          rows.push(`<tr>${first}<td>${k}</td>${name}<td>${1000 + k}</td></tr>`)
        }
      }
      const body = Array.from({ length: n + 2 }, () => PARAGRAPH).join('\n\n')
      writeFileSync(join(manuscript, `${String(n + 1).padStart(2, '0')}.md`), `# 第${n + 1}个项目表\n\n${body}\n\n<table>\n${rows.join('\n')}\n</table>\n\n表后正文一段。\n`)
    }
    report = await build({ input: manuscript, outDir: join(dir, 'out'), preset, cwd: dir })
    expect(report.ok, JSON.stringify(report.diagnostics.filter((d) => d.severity === 'error'))).toBe(true)
    texts = pageTexts(join(dir, 'out/booklet.pdf'))
  }, 120_000)

  it('prints every row of every copy, passes the preflight, and names a 区域 again on the page its rows go on to', () => {
    expect(report.preflight!.checks.filter((c) => !c.ok)).toEqual([])
    const tokens = texts.join('\n').split(/\s+/u)
    for (let k = 1001; k <= 1029; k++) expect(tokens.filter((t) => t === String(k)).length, String(k)).toBe(12)
    const all = squash(texts.join(''))
    // Each 区域 printed at least once per copy, more where its rows are cut by a page.
    const count = (name: string) => all.split(name).length - 1
    expect(count('越城区') + count('柯桥区') + count('上虞区')).toBeGreaterThan(36)
  })
})
