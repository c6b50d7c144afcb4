/**
 * Issue 18, with a real browser: the six reference documents of test/fixtures/gongwen (下行文,
 * 上行文 with 签发人, 联合行文, 信函, 命令, 纪要 — real texts, sources in their README) built in
 * gongwen-a4, and every element of the 版头, 主体 and 版记 read back from the PDF and measured
 * against GB/T 9704-2012: position in mm (±0.5), size, colour and font.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import type { BuildReport } from '../../src/report.ts'
import { extent, findText, measurePages, type PrintedPage, type PrintedRect } from '../helpers/pdf-geometry.ts'
import { pageTexts } from '../helpers/pdf.ts'

const root = resolve(import.meta.dirname, '../..')
const FIXTURES = join(root, 'test/fixtures/gongwen')

/** GB/T 9704 A4: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 1 字 = 156/28 mm; 1 行 = 225/22 mm. */
const TOP = 37
const BOTTOM = 37 + 225
const CHAR = 156 / 28
const LINE = 225 / 22
/** The 版心's left and right edges: the binding margin is on the left of a right-hand (odd) page. */
const edges = (pageIndex: number) => (pageIndex % 2 === 0 ? { left: 28, right: 184 } : { left: 26, right: 182 })

const RED: [number, number, number] = [255, 0, 0]
const BLACK: [number, number, number] = [0, 0, 0]
const XBS = /Song|宋|Serif/u
const HEI = /Hei|黑|Sans/u
const KAI = /Kai|楷/u

interface Built {
  report: BuildReport
  pages: PrintedPage[]
  texts: string[]
}

const built = new Map<string, Built>()

async function buildOne(name: string): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), `booklet-gongwen-${name}-`))
  const report = await build({ input: join(FIXTURES, `${name}.md`), outDir: dir, preset: 'gongwen-a4', cwd: dir })
  expect(report.ok, JSON.stringify(report.diagnostics.filter((d) => d.severity === 'error'))).toBe(true)
  const pdf = join(dir, 'booklet.pdf')
  return { report, pages: await measurePages(pdf), texts: pageTexts(pdf) }
}

const get = (name: string) => built.get(name)!

/** Paragraphs of one full line (28 字) each. */
const paragraphs = (count: number) => Array.from({ length: count }, (_, k) => `各单位要结合实际认真贯彻落实本通知的各项要求，确保${String(k + 1).padStart(2, '0')}。`).join('\n\n')

/** Twelve documents in one gongwen-a4 build, the n-th (0–11) with the text `body(n)`. */
async function buildSweep(body: (n: number) => string): Promise<{ report: BuildReport; pages: PrintedPage[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-gongwen-sweep-'))
  const manuscript = join(dir, 'm')
  mkdirSync(manuscript)
  writeFileSync(join(manuscript, 'booklet.yaml'), 'preset: gongwen-a4\n')
  for (let n = 0; n < 12; n++) writeFileSync(join(manuscript, `${String(n + 1).padStart(2, '0')}.md`), `---\ntitle: 关于第${n + 1}项工作的通知\n---\n\n${body(n)}`)
  const report = await build({ input: manuscript, outDir: join(dir, 'out'), cwd: dir })
  expect(report.ok).toBe(true)
  return { report, pages: await measurePages(join(dir, 'out/booklet.pdf')) }
}
const within = (value: number, wanted: number, tolerance = 0.5) => {
  expect(value).toBeGreaterThanOrEqual(wanted - tolerance)
  expect(value).toBeLessThanOrEqual(wanted + tolerance)
}
const line_ = (page: PrintedPage, text: string) => {
  const runs = findText(page, text)
  expect(runs.length, `“${text}” printed`).toBeGreaterThan(0)
  return { ...extent(runs), runs }
}
const line = line_
const rules = (page: PrintedPage, colour: [number, number, number]) => page.rects.filter((r) => r.colour.join() === colour.join() && r.right - r.left > 100).sort((a, b) => a.top - b.top)
const thickness = (r: PrintedRect) => r.bottom - r.top
/** The page (0-based) a text is printed on, the last one holding it. */
const pageOf = (b: Built, text: string) => b.pages.map((p, i) => (findText(p, text).length ? i : -1)).filter((i) => i >= 0).at(-1)!

describe('GB/T 9704 official documents in gongwen-a4, measured on the PDF', () => {
  beforeAll(async () => {
    for (const name of ['xiaxing-jiejiari', 'shangxing-xizangban', 'lianhe-huaxuewuqi', 'xinhan-dayundong', 'mingling-706', 'jiyao-dongke']) built.set(name, await buildOne(name))
  }, 180_000)

  it('passes its own preflight, which reads the 版头, 落款 and 版记 back from each PDF', () => {
    for (const [name, b] of built) {
      const checks = b.report.preflight!.checks
      expect(checks.filter((c) => !c.ok), name).toEqual([])
      expect(checks.map((c) => c.id), name).toEqual(expect.arrayContaining(['official-head', 'official-closing', 'official-colophon']))
    }
  })

  it('leaves no heading as the last line of a page (item 6)', () => {
    for (const [name, b] of built) {
      b.pages.forEach((page, i) => {
        const body = page.texts.filter((t) => !/—/u.test(t.text) && t.sizePt < 20)
        if (body.length === 0) return
        const lowest = Math.max(...body.map((t) => t.baseline))
        const last = body.filter((t) => Math.abs(t.baseline - lowest) < 0.5)
        // A level-1 heading is set in 黑体 and stands alone on its line; a run-in 黑体 lead has text after it.
        const heading = last.every((t) => HEI.test(t.font)) && /^[一二三四五六七八九十]+、/u.test(last.map((t) => t.text).join(''))
        expect(heading, `${name}, page ${i + 1}`).toBe(false)
      })
    }
  })

  describe('文件格式, 下行文 (国办发明电〔2024〕12号)', () => {
    it('版头: 份号, 密级, 紧急程度 flush left on lines 1–3 (7.2.1–7.2.3)', () => {
      const page = get('xiaxing-jiejiari').pages[0]!
      const copy = line(page, '000001')
      const secrecy = line(page, '秘密★1年')
      const urgency = line(page, '特急')
      for (const flag of [copy, secrecy, urgency]) within(flag.left, 28)
      within(copy.emTop, TOP + (LINE - 16 * 25.4 / 72) / 2, 1)
      within(secrecy.baseline - copy.baseline, LINE, 0.3)
      within(urgency.baseline - secrecy.baseline, LINE, 0.3)
      expect(secrecy.runs.find((r) => /秘/u.test(r.text))!.font).toMatch(HEI)
      expect(urgency.runs[0]!.font).toMatch(HEI)
    })

    it('发文机关标志: red 小标宋, centred, its characters 35 mm below the top of the type area (7.2.4)', () => {
      const page = get('xiaxing-jiejiari').pages[0]!
      const mark = line(page, '国务院办公厅文件')
      for (const run of mark.runs) {
        expect(run.colour).toEqual(RED)
        expect(run.font).toMatch(XBS)
      }
      within(mark.emTop, TOP + 35)
      within((mark.left + mark.right) / 2, 106)
      expect(mark.right - mark.left).toBeLessThanOrEqual(156)
    })

    it('发文字号 centred two lines below the mark; the red rule the width of the type area 4 mm below it (7.2.5, 7.2.7)', () => {
      const page = get('xiaxing-jiejiari').pages[0]!
      const mark = line(page, '国务院办公厅文件')
      const number = line(page, '国办发明电〔2024〕12号')
      within((number.left + number.right) / 2, 106)
      expect(number.emTop - mark.emBottom).toBeGreaterThanOrEqual(2 * LINE - 0.5)
      expect(number.emTop - mark.emBottom).toBeLessThanOrEqual(3 * LINE)
      const [rule] = rules(page, RED)
      expect(rule).toBeDefined()
      within(rule!.left, 28)
      within(rule!.right, 184)
      within(rule!.top, number.emBottom + 4)
    })

    it('title: 2号 (22 pt) 小标宋, centred, two lines below the red rule, in two lines broken between words (7.3.1)', () => {
      const page = get('xiaxing-jiejiari').pages[0]!
      const first = line(page, '国务院办公厅关于2025年')
      const second = line(page, '部分节假日安排的通知')
      expect(first.sizePt).toBeCloseTo(22, 1)
      expect(first.runs.find((r) => /国/u.test(r.text))!.font).toMatch(XBS)
      const [rule] = rules(page, RED)
      expect(first.emTop - rule!.bottom).toBeGreaterThanOrEqual(2 * LINE - 0.5)
      expect(first.emTop - rule!.bottom).toBeLessThanOrEqual(2.5 * LINE)
      within((first.left + first.right) / 2, 106, 1)
      within((second.left + second.right) / 2, 106, 1)
    })

    it('主送机关 flush left one line under the title (7.3.2)', () => {
      const page = get('xiaxing-jiejiari').pages[0]!
      within(line(page, '各省、自治区、直辖市人民政府').left, 28)
    })

    it('落款 without a seal: signature 2 字 in from the right, the date under it 2 字 further right, in Arabic numerals; 附注 2 字 in (7.3.5.2, 7.3.5.4, 7.3.6)', () => {
      const b = get('xiaxing-jiejiari')
      const at = pageOf(b, '2024年11月12日')
      const page = b.pages[at]!
      const { left, right } = edges(at)
      const date = line(page, '2024年11月12日')
      const signature = page.texts.filter((t) => t.text.includes('国务院办公厅') && t.baseline < date.baseline && t.baseline > date.baseline - 2 * LINE)
      expect(signature.length).toBeGreaterThan(0)
      const sig = extent(signature)
      // The date's first character 2 字 right of the signature's; the longer of the two 2 字 in from the right.
      within(date.left, sig.left + 2 * CHAR)
      within(Math.max(sig.right, date.right), right - 2 * CHAR)
      within(date.baseline - sig.baseline, LINE, 0.3)
      expect(b.texts.join('')).not.toMatch(/二〇二四年/u)
      const remarks = line(page, '（此件公开发布）')
      within(remarks.left, left + 2 * CHAR, 0.8)
      within(remarks.baseline - date.baseline, LINE, 0.3)
    })

    it('版记 on an even page, at the foot of the type area: 4号, rules thick–thin–thick the width of the type area (7.4)', () => {
      const b = get('xiaxing-jiejiari')
      const at = pageOf(b, '抄送')
      expect(at % 2).toBe(1)
      const page = b.pages[at]!
      const { left, right } = edges(at)
      const cc = line(page, '抄送：中央办公厅')
      const printed = line(page, '2024年11月12日印发')
      expect(cc.sizePt).toBeCloseTo(14, 1)
      within(cc.left, left + (14 * 25.4) / 72)
      within(printed.right, right - (14 * 25.4) / 72)
      const black = rules(page, BLACK)
      expect(black.length).toBe(3)
      for (const r of black) {
        within(r.left, left, 0.3)
        within(r.right, right, 0.3)
      }
      within(thickness(black[0]!), 0.35, 0.06)
      within(thickness(black[1]!), 0.25, 0.06)
      within(thickness(black[2]!), 0.35, 0.06)
      within(black[2]!.bottom, BOTTOM)
      expect(cc.emTop).toBeGreaterThan(black[0]!.bottom)
      expect(printed.emTop).toBeGreaterThan(black[1]!.bottom)
      expect(printed.emBottom).toBeLessThan(black[2]!.top)
    })
  })

  it('justifies a paragraph with a run-in heading like any other: its full lines reach the right edge (issue 19 item 4)', () => {
    const b = get('xiaxing-jiejiari')
    const at = pageOf(b, '二、春节：')
    const first = line(b.pages[at]!, '二、春节：')
    within(first.right, edges(at).right, 0.3)
  })

  describe('上行文 with 签发人 (请示)', () => {
    it('the mark 80 mm below the top of the type area; 发文字号 1 字 in from the left and 签发人 1 字 in from the right on one line, the name in 楷体 (7.2.4–7.2.6)', () => {
      const page = get('shangxing-xizangban').pages[0]!
      within(line(page, '国家教育委员会文件').emTop, TOP + 80)
      const number = line(page, '教基〔1996〕12号')
      const signer = line(page, '签发人')
      within(number.left, 28 + CHAR)
      within(signer.right, 184 - CHAR)
      within(number.baseline, signer.baseline, 0.2)
      expect(signer.runs.find((r) => r.text.includes('×'))!.font).toMatch(KAI)
      expect(signer.runs.find((r) => r.text.includes('签'))!.font).not.toMatch(KAI)
    })

    it('its attached table (附：) opens a new page and lays out with nothing lost (7.4, issue 18 item 6)', () => {
      const b = get('shangxing-xizangban')
      const text = b.texts.join('')
      for (const cell of ['总计', '1445', '江苏', '安徽', '70（实招45）']) expect(text).toContain(cell)
      const label = pageOf(b, '内地西藏初中班（校）扩大招生计划表')
      expect(pageOf(b, '1996年5月13日')).toBeLessThan(label)
    })
  })

  describe('联合行文, with seals', () => {
    it('both issuers stacked in red, 文件 beside them centred on them (7.2.4)', () => {
      const page = get('lianhe-huaxuewuqi').pages[0]!
      const first = line(page, '国务院办公厅')
      const second = line(page, '中央军委办公厅')
      const word = extent(page.texts.filter((t) => /^[文件]+$/u.test(t.text) && t.colour.join() === RED.join()))
      expect(second.emTop).toBeGreaterThan(first.emBottom - 0.5)
      within((word.emTop + word.emBottom) / 2, (first.emTop + second.emBottom) / 2, 1)
      expect(word.left).toBeGreaterThan(Math.max(first.right, second.right) - 0.5)
      for (const run of [...first.runs, ...second.runs]) expect(run.colour).toEqual(RED)
      expect(word.right - Math.min(first.left, second.left)).toBeLessThanOrEqual(156.5)
    })

    it('落款 for seals: the date 4 字 in from the right, the signature centred over it (7.3.5.1)', () => {
      const b = get('lianhe-huaxuewuqi')
      const at = pageOf(b, '1996年6月29日')
      const page = b.pages[at]!
      const date = line(page, '1996年6月29日')
      within(date.right, edges(at).right - 4 * CHAR)
      const signature = extent(page.texts.filter((t) => /办公厅/u.test(t.text) && t.baseline < date.baseline && t.baseline > date.baseline - 2 * LINE))
      within((signature.left + signature.right) / 2, (date.left + date.right) / 2, 0.8)
    })
  })

  describe('信函格式 (国办函〔2004〕36号)', () => {
    it('the mark 30 mm from the top edge of the paper; a red double rule 170 mm long 4 mm below it, thick over thin (10.1)', () => {
      const page = get('xinhan-dayundong').pages[0]!
      const mark = line(page, '国务院办公厅')
      expect(mark.runs[0]!.colour).toEqual(RED)
      within(mark.emTop, 30)
      const red = rules(page, RED)
      expect(red.length).toBe(4)
      for (const r of red) {
        within(r.right - r.left, 170, 0.3)
        within((r.left + r.right) / 2, 106, 0.3)
      }
      within(red[0]!.top, mark.emBottom + 4, 0.8)
      expect(thickness(red[0]!)).toBeGreaterThan(thickness(red[1]!))
      // At the foot: thin over thick, 20 mm above the edge of the paper.
      expect(thickness(red[3]!)).toBeGreaterThan(thickness(red[2]!))
      within(red[3]!.bottom, 297 - 20)
    })

    it('发文字号 flush right under the double rule; no page number on the first page (10.1)', () => {
      const b = get('xinhan-dayundong')
      const page = b.pages[0]!
      const number = line(page, '国办函〔2004〕36号')
      within(number.right, 184)
      const red = rules(page, RED)
      within(number.emTop - red[1]!.bottom, (0.875 * 16 * 25.4) / 72, 0.8)
      expect(b.texts[0]).not.toMatch(/—\s*1\s*—/u)
    })
  })

  describe('命令格式 (国务院令第706号)', () => {
    it('the mark (…令) 20 mm below the top of the type area, the 令号 centred two lines below it, no title line (10.2)', () => {
      const b = get('mingling-706')
      const page = b.pages[0]!
      const mark = line(page, '中华人民共和国国务院令')
      expect(mark.runs[0]!.colour).toEqual(RED)
      within(mark.emTop, TOP + 20)
      const number = line(page, '第706号')
      within((number.left + number.right) / 2, 106)
      expect(number.emTop - mark.emBottom).toBeGreaterThanOrEqual(2 * LINE - 0.5)
      expect(b.texts[0]!.match(/中华人民共和国国务院令/gu)).toHaveLength(1)
    })

    it('the signer’s title and name 4 字 in from the right, the date under them after an empty line, 4 字 in (7.3.5.3)', () => {
      const page = get('mingling-706').pages[0]!
      const signer = line(page, '总理')
      const date = line(page, '2018年11月6日')
      within(signer.right, 184 - 4 * CHAR)
      within(date.right, 184 - 4 * CHAR)
      within(date.baseline - signer.baseline, 2 * LINE, 0.3)
      expect(signer.runs.map((r) => r.text).join('')).toMatch(/总理\s*李克强/u)
    })
  })

  describe('纪要格式', () => {
    it('the 纪要 mark in red 35 mm below the top of the type area (10.3)', () => {
      const page = get('jiyao-dongke').pages[0]!
      const mark = line(page, '动物科技学院党政联席会议纪要')
      expect(mark.runs[0]!.colour).toEqual(RED)
      within(mark.emTop, TOP + 35)
    })

    it('参会 (出席), 列席 and 请假 lists 2 字 in, the label in 黑体, wrapped names under the first name (10.3)', () => {
      const b = get('jiyao-dongke')
      const at = pageOf(b, '出席：')
      const page = b.pages[at]!
      const { left } = edges(at)
      for (const label of ['出席：', '列席：', '请假：']) {
        const list = line(page, label)
        within(list.left, left + 2 * CHAR)
        expect(list.runs[0]!.font, label).toMatch(HEI)
      }
      expect(b.texts.join('')).toMatch(/姚军虎/u)
    })
  })

  it('never leaves a 落款 alone on a page: wherever the text ends, its last line goes along (7.3.5)', async () => {
    // Twelve documents whose text ends one line further down each time, across the foot of page 1.
    const { report, pages } = await buildSweep((n) => `各乡镇：\n\n${paragraphs(13 + n)}\n\n特此通知。\n\n××县人民政府办公室\n\n2026年3月${n + 1}日\n`)
    expect(report.preflight!.checks.find((c) => c.id === 'official-closing')).toMatchObject({ ok: true, problems: [] })
    for (let n = 0; n < 12; n++) {
      const at = pages.findIndex((p) => findText(p, `2026年3月${n + 1}日`).length > 0)
      const date = line_(pages[at]!, `2026年3月${n + 1}日`)
      // Above the signature on the same page: at least one line of the document's text.
      const above = pages[at]!.texts.filter((t) => t.baseline < date.baseline - 2 * LINE + 0.5 && /[\p{Script=Han}]/u.test(t.text))
      expect(above.length, `document ${n + 1}`).toBeGreaterThan(0)
    }
  }, 120_000)

  it('never leaves a heading as the last line of a page, wherever it falls (item 6)', async () => {
    // Twelve documents whose heading 二、 comes one line further down each time, across the foot of page 1.
    const { pages } = await buildSweep((n) => `## 一、总体要求\n\n${paragraphs(12 + n)}\n\n## 二、工作措施\n\n${paragraphs(6)}\n`)
    let crossed = 0
    pages.forEach((page, i) => {
      const body = page.texts.filter((t) => !/—/u.test(t.text) && t.sizePt < 20)
      if (body.length === 0) return
      const lowest = Math.max(...body.map((t) => t.baseline))
      const last = body.filter((t) => Math.abs(t.baseline - lowest) < 0.5).map((t) => t.text).join('')
      expect(last, `page ${i + 1}`).not.toMatch(/^[一二]、/u)
      if (lowest > BOTTOM - 2 * LINE) crossed++
    })
    // The pages did fill to their foot: the heading had every chance to land there.
    expect(crossed).toBeGreaterThan(6)
  }, 120_000)

  it('ends no paragraph in a line of one character: the character before comes down with it (LC-10, issue 19)', async () => {
    // 26 字 on the indented first line, 28 on the next, then one more and its full stop: “……终。”.
    const han = '各单位要结合实际认真贯彻落实本通知的各项要求确保工作取得实效切实加强组织领导明确责任分工细化工作措施狠抓督促检查推动'
    const text = `${han.slice(0, 54)}终。`
    expect([...text.replace('。', '')]).toHaveLength(55)
    const { pages } = await buildSweep((n) => (n === 0 ? `${text}\n\n${text.slice(0, 20)}。\n` : '正文。\n'))
    const lines = pages[0]!.texts.filter((t) => t.sizePt < 20 && !/—/u.test(t.text))
    const baselines = [...new Set(lines.map((t) => Math.round(t.baseline * 10) / 10))].sort((a, b) => a - b)
    const lineText = (b: number) => lines.filter((t) => Math.abs(t.baseline - b) < 0.3).map((t) => t.text).join('')
    const last = baselines.map(lineText).find((l) => l.endsWith('终。'))!
    expect([...last.replace(/[^\p{Script=Han}]/gu, '')].length).toBeGreaterThanOrEqual(2)
  }, 120_000)

  it('never leaves one line of a paragraph alone at a page break, first or last (LC-11 orphans and widows, issue 19)', async () => {
    // A paragraph of three lines (26 甲 on its indented first line, 28 乙, then 9 丙 and a full
    // stop) one line further down in each of twelve documents, across the foot of page 1.
    const three = `${'甲'.repeat(26)}${'乙'.repeat(28)}${'丙'.repeat(9)}。`
    const { report, pages } = await buildSweep((n) => `${paragraphs(17 + n)}\n\n${three}\n\n${paragraphs(4)}`)
    let overleaf = 0
    pages.forEach((page, i) => {
      const lines = new Set(page.texts.filter((t) => /[甲乙丙]/u.test(t.text)).map((t) => Math.round(t.baseline)))
      expect(lines.size === 0 || lines.size >= 2, `page ${i + 1}: ${lines.size} line(s) of the paragraph`).toBe(true)
      // The paragraph opens a page: it went over whole where one line would have stayed or gone alone.
      const top = Math.min(...page.texts.filter((t) => t.sizePt < 20 && !/—/u.test(t.text)).map((t) => Math.round(t.baseline)))
      if (lines.has(top)) overleaf++
    })
    expect(overleaf).toBeGreaterThan(0)
    expect(report.preflight!.checks.find((c) => c.id === 'lone-lines')!.ok).toBe(true)
  }, 120_000)

  it('never starts a table at a page foot with its header row alone (issue 19)', async () => {
    // Twelve documents whose table starts one line further down each time, across the foot of page 1.
    const table = `| 序号 | 工作内容 | 责任单位 |\n|---|---|---|\n${Array.from({ length: 4 }, (_, k) => `| ${k + 1} | 第${k + 1}项工作 | 县委办 |`).join('\n')}\n`
    const { pages } = await buildSweep((n) => `${paragraphs(14 + n)}\n\n${table}`)
    let atFoot = 0
    pages.forEach((page, i) => {
      const header = findText(page, '工作内容')
      if (header.length === 0) return
      const top = extent(header).baseline
      // A header on this page has a first row under it on this page.
      const rows = [1, 2, 3, 4].filter((k) => findText(page, `第${k}项工作`).some((t) => t.baseline > top))
      expect(rows.length, `page ${i + 1}`).toBeGreaterThan(0)
      if (top > BOTTOM - 3 * LINE) atFoot++
    })
    // Some tables did start near a page foot.
    expect(atFoot).toBeGreaterThan(0)
  }, 120_000)
})
