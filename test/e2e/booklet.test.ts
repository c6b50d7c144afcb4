/**
 * Real-browser tests: build the sample manuscript and a three-article booklet with Chromium
 * and Paged.js, then read the PDFs as a reader would (pdftotext, pdffonts, pdf-lib) and check
 * the promises of the product: A5 pages, cover, TOC numbers, folios, bookmarks, no lost text.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { NO_LINE_END, NO_LINE_START } from '../../src/pdf/preflight.ts'
import type { BuildReport } from '../../src/report.ts'
import { findText, measurePages } from '../helpers/pdf-geometry.ts'
import { folioOf, hanOf, pageLines, pageLinks, pageTexts, pageWords, pdfFonts, readOutline, squash, stretchedLines, underfilledLines } from '../helpers/pdf.ts'

const root = resolve(import.meta.dirname, '../..')
const A5 = { width: 419.53, height: 595.28 }

/** The characters of `wanted` that cannot be matched, in order, inside `text` ('' = all there). */
function missingFromSequence(wanted: string, text: string): string {
  let at = 0
  let missing = ''
  for (const char of wanted) {
    const found = text.indexOf(char, at)
    if (found < 0) missing += char
    else at = found + 1
  }
  return missing
}

interface Built {
  report: BuildReport
  pdf: string
  html: string
  texts: string[]
}

async function buildInto(input: string): Promise<Built> {
  const outDir = mkdtempSync(join(tmpdir(), 'booklet-e2e-'))
  const report = await build({ input, outDir, cwd: root })
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  expect(report.ok).toBe(true)
  const pdf = join(outDir, 'booklet.pdf')
  return { report, pdf, html: readFileSync(join(outDir, 'booklet.html'), 'utf8'), texts: pageTexts(pdf) }
}

/** First page after the TOC whose text contains `text` (headings may wrap over lines). */
function pageShowing(built: Built, text: string): number {
  const start = built.report.bodyStartPage
  return built.texts.findIndex((page, i) => i >= start && squash(page).includes(squash(text)))
}

function tocNumbers(built: Built): Map<string, number> {
  const first = built.texts.findIndex((t) => squash(t).startsWith('目录'))
  const tocPages = built.texts.slice(first, built.report.bodyStartPage)
  const toc = squash(tocPages.join(''))
  const numbers = new Map<string, number>()
  for (const article of built.report.articles) {
    for (const text of [article.title, ...article.headings.filter((h) => h.level === 1).map((h) => h.text)]) {
      const escaped = squash(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const match = new RegExp(`${escaped}(\\d+)`).exec(toc)
      if (match) numbers.set(text, Number(match[1]))
    }
  }
  return numbers
}

function commonChecks(get: () => Built) {
  it('passes its own preflight (issue 5)', () => {
    expect(get().report.preflight!.checks.filter((c) => !c.ok)).toEqual([])
  })

  it('has A5 pages (148 × 210 mm)', async () => {
    const { doc } = await readOutline(get().pdf)
    expect(doc.getPageCount()).toBe(get().report.pageCount)
    for (const page of doc.getPages()) {
      const box = page.getMediaBox()
      expect(box.width).toBeCloseTo(A5.width, 1)
      expect(box.height).toBeCloseTo(A5.height, 1)
    }
  })

  it('has a cover with the title and no page number, and a blank cover verso', () => {
    const { texts, report } = get()
    expect(squash(texts[0]!)).toContain(squash(report.title))
    expect(folioOf(texts[0]!)).toBeNull()
    expect(texts[1]!.trim()).toBe('')
  })

  it('lists every article and level-1 heading in the TOC with the page it is printed on', () => {
    const built = get()
    const numbers = tocNumbers(built)
    const entries = built.report.articles.flatMap((a) => [a.title, ...a.headings.filter((h) => h.level === 1).map((h) => h.text)])
    expect([...numbers.keys()].sort()).toEqual([...entries].sort())
    for (const [text, number] of numbers) {
      const page = pageShowing(built, text)
      expect(page, text).toBeGreaterThan(0)
      expect(number, text).toBe(folioOf(built.texts[page]!))
    }
  })

  it('links every 目录 entry to the page of its article or heading', async () => {
    const { pdf, report } = get()
    const pages = new Map(report.articles.flatMap((a) => [[a.id, a.page] as const, ...a.headings.map((h) => [h.id, h.page] as const)]))
    const links = (await pageLinks(pdf)).filter((link) => link.page < report.bodyStartPage)
    const entries = report.articles.flatMap((a) => [a.id, ...a.headings.filter((h) => h.level === 1).map((h) => h.id)])
    expect(links.map((link) => link.name)).toEqual(entries)
    for (const link of links) expect(link.target, link.name).toBe(pages.get(link.name))
  })

  it('ends the TOC leaders before the page numbers, all at one place and dot under dot (EL-22); the numbers align at the right', () => {
    const { texts, pdf, report } = get()
    const tocPage = texts.findIndex((t) => squash(t).startsWith('目录'))
    // Every page of the 目录 (a right-hand page may start the body after a blank one).
    for (let page = tocPage; page < report.bodyStartPage; page++) if (texts[page]!.trim()) tocPageAligned(pdf, page)
  })

  it('ends no 目录 page with an article\'s row: it goes over with its first heading', () => {
    const { texts, report } = get()
    const tocPage = texts.findIndex((t) => squash(t).startsWith('目录'))
    const entries = report.articles.flatMap((a) => [{ text: squash(a.title), article: a.headings.some((h) => h.level === 1) }, ...a.headings.filter((h) => h.level === 1).map((h) => ({ text: squash(h.text), article: false }))])
    for (let page = tocPage; page < report.bodyStartPage; page++) {
      const text = squash(texts[page]!)
      const last = entries.filter((e) => text.includes(e.text)).sort((x, y) => text.lastIndexOf(y.text) - text.lastIndexOf(x.text))[0]
      // (an article without headings has only its own row: it may end a page)
      if (last) expect(last.article, `page ${page + 1} ends with ${last.text}`).toBe(false)
    }
  })

  /** The leaders and numbers of one 目录 page. */
  function tocPageAligned(pdf: string, tocPage: number) {
    const words = pageWords(pdf, tocPage)
    const numbers = words.filter((w) => /^\d+$/.test(w.text))
    expect(numbers.length).toBeGreaterThan(1)
    const leaderEnds: number[] = []
    const columns = new Set<number>()
    for (const number of numbers) {
      expect(number.xMax, `number ${number.text} on page ${tocPage + 1}`).toBeCloseTo(numbers[0]!.xMax, 0)
      const dots = words.filter((w) => w.text.includes('·') && Math.abs(w.yMax - number.yMax) < 8)
      expect(dots.length, `leader before ${number.text}`).toBeGreaterThan(0)
      for (const dot of dots) expect(dot.xMax).toBeLessThan(number.xMin)
      leaderEnds.push(Math.max(...dots.map((d) => d.xMax)))
      for (const dot of dots) columns.add(Math.round(dot.xMin))
    }
    for (const end of leaderEnds) expect(end).toBeCloseTo(leaderEnds[0]!, 0)
    // Dot under dot: as many columns as the longest leader has dots (give or take rounding).
    const longest = Math.max(...numbers.map((n) => words.filter((w) => w.text.includes('·') && Math.abs(w.yMax - n.yMax) < 8).length))
    expect(columns.size).toBeLessThanOrEqual(longest + 2)
  }

  it('prints "— n —" from 1 on the first body page, odd on right-hand pages, none on blank pages', () => {
    const { texts, report, pdf } = get()
    const start = report.bodyStartPage
    expect(start % 2, 'body starts on a right-hand page').toBe(0)
    texts.forEach((text, i) => {
      if (i < start || text.trim() === '') {
        expect(folioOf(text), `page ${i + 1}`).toBeNull()
        return
      }
      const folio = i - start + 1
      expect(folioOf(text), `page ${i + 1}`).toBe(folio)
      const word = pageWords(pdf, i).find((w) => /—\s*\d+\s*—|^\d+$/.test(w.text) && w.yMin > A5.height * 0.85)
      expect(word, `folio box on page ${i + 1}`).toBeDefined()
      const centre = (word!.xMin + word!.xMax) / 2
      // EL-23: odd folios at the right (outer) edge, even at the left.
      if (folio % 2 === 1) expect(centre).toBeGreaterThan(A5.width * 0.75)
      else expect(centre).toBeLessThan(A5.width * 0.25)
    })
  })

  it('starts every article on a right-hand page', () => {
    const built = get()
    for (const article of built.report.articles) {
      const page = pageShowing(built, article.title)
      expect(page % 2, article.title).toBe(0)
      expect(article.page).toBe(page)
    }
  })

  it('has bookmarks for articles and level-1 headings pointing at their pages', async () => {
    const built = get()
    const { items } = await readOutline(built.pdf)
    expect(items.map((i) => i.title)).toEqual(built.report.articles.map((a) => a.title))
    items.forEach((item, i) => {
      const article = built.report.articles[i]!
      expect(item.page).toBe(pageShowing(built, article.title))
      expect(item.children.map((c) => c.title)).toEqual(article.headings.filter((h) => h.level === 1).map((h) => h.text))
      for (const child of item.children) expect(child.page, child.title).toBe(pageShowing(built, child.title))
    })
  })

  it('embeds every font as TrueType, none as Type 3, in four Chinese faces', () => {
    const fonts = pdfFonts(get().pdf)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true)
      expect(font.type, font.name).not.toMatch(/Type 3/)
    }
    const names = fonts.map((f) => f.name).join(' ')
    for (const face of ['FandolFang', 'NotoSansSC', 'NotoSerifSC', 'FandolKai']) expect(names).toContain(face)
  })

  it('has no line whose characters were spread over the measure', () => {
    const { texts } = get()
    for (const text of texts) expect(stretchedLines(text)).toEqual([])
  })

  it('writes semantic HTML: zh-CN, one <article> per file, ids on headings', () => {
    const { html, report } = get()
    expect(html).toMatch(/<html lang="zh-CN">/)
    expect(html.match(/<article /g)?.length).toBe(report.articles.length)
    for (const article of report.articles) {
      expect(html).toContain(`id="${article.id}"`)
      for (const heading of article.headings) expect(html).toContain(`id="${heading.id}"`)
    }
  })
}

/** typography.md §4.2: marks that may not start, or not end, a line (GB style). */
const NO_START = NO_LINE_START
const NO_END = NO_LINE_END

function typographyChecks(get: () => Built) {
  it('starts and ends no line with a forbidden mark (QA-4)', () => {
    const { texts, report } = get()
    const bad: string[] = []
    texts.forEach((text, i) => {
      if (i < report.bodyStartPage) return
      for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const first = line[0]!
        const last = line[line.length - 1]!
        if (folioOf(line) !== null) continue // "— 1 —" is a page number, not text
        const loneDash = first === '—' && line[1] !== '—'
        if (NO_START.has(first) || loneDash || NO_END.has(last)) bad.push(`p${i + 1}: ${line}`)
      }
    })
    expect(bad).toEqual([])
  })

  it('fills every justified line: no line spread out because it was broken too early (PG-4)', () => {
    const { pdf, report } = get()
    const bad: string[] = []
    for (let i = report.bodyStartPage; i < report.pageCount; i++) {
      for (const line of underfilledLines(pageLines(pdf, i), 26, 12)) bad.push(`p${i + 1}: ${line.text}`)
    }
    expect(bad).toEqual([])
  })

  it('ends no paragraph with a line of a single character (QA-8, LC-10)', () => {
    const { texts, report } = get()
    const lonely = texts
      .slice(report.bodyStartPage)
      .flatMap((t) => t.split('\n'))
      .filter((line) => hanOf(line).length === 1 && /^[\p{Script=Han}\p{P}\s\d]+$/u.test(line.trim()))
    expect(lonely).toEqual([])
  })

  it('never leaves a heading as the last line of a page (LC-11)', () => {
    const built = get()
    for (const article of built.report.articles) {
      for (const heading of article.headings) {
        const lines = built.texts[heading.page]!.split('\n').map((l) => l.trim()).filter((l) => l && folioOf(l) === null)
        const at = lines.findIndex((l) => squash(heading.text).startsWith(squash(l)) || squash(l).startsWith(squash(heading.text).slice(0, 8)))
        expect(at, heading.text).toBeGreaterThanOrEqual(0)
        const rest = squash(lines.slice(at).join(''))
        expect(rest.length, `${heading.text} on page ${heading.page + 1}`).toBeGreaterThan(squash(heading.text).length)
      }
    }
  })
}

describe('the sample manuscript', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildInto('manuscript')
  })
  commonChecks(() => built)
  typographyChecks(() => built)

  it('prints every Han character of the manuscript, in order, on the body pages', () => {
    const source = readFileSync(join(root, 'manuscript/01-party-work-meeting-speech.md'), 'utf8').replace(/^---[\s\S]*?---/, '')
    const body = hanOf(built.texts.slice(built.report.bodyStartPage).join(''))
    // The PDF has more: heading numbers the pipeline added (一、 三、). Nothing may be missing.
    expect(missingFromSequence(hanOf(source), body)).toEqual('')
    // And exactly the text of the HTML, so nothing was lost or doubled at a page break.
    const article = built.html.slice(built.html.indexOf('<article'), built.html.indexOf('</article>'))
    expect(body).toBe(hanOf(article.replace(/<[^>]+>/g, '')))
  })

  it('numbers the level-1 headings 一、二、三、 although the manuscript typed only 二、', () => {
    expect(built.report.articles[0]!.headings.map((h) => h.text.slice(0, 2))).toEqual(['一、', '二、', '三、'])
    const fixes = built.report.diagnostics.filter((d) => d.rule === 'EL-18')
    expect(fixes.map((d) => d.line)).toHaveLength(2)
  })

  it('has the PDF metadata of booklet.yaml', async () => {
    const { doc } = await readOutline(built.pdf)
    expect(doc.getTitle()).toBe('党务工作学习资料')
    expect(doc.getAuthor()).toBe('中共××县委办公室')
    expect(String(doc.catalog.get((await import('pdf-lib')).PDFName.of('Lang')))).toContain('zh-CN')
  })

  it('prints the half-width commas of the manuscript as full-width ones and reports each (PN-3)', () => {
    const body = built.texts.slice(built.report.bodyStartPage).join('')
    expect(body).not.toMatch(/\p{Script=Han},\p{Script=Han}/u)
    expect(squash(body)).toContain('要强化党的意识，牢记自己的第一身份')
    expect(built.report.diagnostics.filter((d) => d.rule === 'PN-3').length).toBe(6)
  })

  it('dates the cover in Chinese numerals (DT-1)', () => {
    expect(built.texts[0]).toContain('二〇二六年十一月')
  })
})

describe('a 目录 of three pages', () => {
  let built: Built
  beforeAll(async () => {
    // 14 short articles of three sections each: 56 目录 rows, more than two pages of them.
    const dir = mkdtempSync(join(tmpdir(), 'booklet-long-toc-'))
    for (let i = 1; i <= 14; i++) {
      const sections = ['一', '二', '三'].map((n) => `## 第${n}部分的要点${i}\n\n要坚持以人民为中心的发展思想，把群众的急难愁盼作为工作的出发点和落脚点。\n`)
      writeFileSync(join(dir, `${String(i).padStart(2, '0')}.md`), `# 第${i}次学习会上的讲话\n\n${sections.join('\n')}`)
    }
    writeFileSync(join(dir, 'booklet.yaml'), 'title: 学习会讲话汇编\npublisher: 中共××县委办公室\ndate: 2026-11-05\n')
    built = await buildInto(dir)
  })
  // Before, the last row of a full 目录 page was cut off (QA-12 failed), and an entry Paged.js
  // split over two pages had its number set flush left.
  commonChecks(() => built)

  it('takes three pages', () => {
    const { texts, report } = built
    const tocPage = texts.findIndex((t) => squash(t).startsWith('目录'))
    expect(texts.slice(tocPage, report.bodyStartPage).filter((t) => t.trim()).length).toBe(3)
  })
})

describe('a table with number columns beside a wide text column', () => {
  it('keeps every number whole on one line, however narrow its column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-table-'))
    const rows = [
      ['1', '县城老旧小区改造工程，涉及供水、供暖、燃气管网更新和外墙保温等内容，惠及居民三千余户', '123456.78', '98765.43', '县住房和城乡建设局'],
      ['2', '乡村振兴示范村建设，包括道路硬化、污水处理和村容村貌整治', '45678.90', '12345.67', '县农业农村局'],
      ['3', '职业教育实训基地', '8800', '20260101', '县教育局'],
    ]
    const table = ['| 序号 | 项目名称与主要建设内容 | 总投资（万元） | 完成投资（万元） | 责任单位 |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)]
    writeFileSync(join(dir, 'projects.md'), `# 项目资金安排\n\n下表列出今年的主要项目。\n\n${table.join('\n')}\n`)
    const built = await buildInto(dir)
    const words = pageWords(built.pdf, built.report.bodyStartPage).map((w) => w.text)
    for (const number of rows.flatMap((r) => r.slice(2, 4))) expect(words, number).toContain(number)
  })
})

describe('a table longer than a page', () => {
  it('repeats its header row at the top of every page it continues on, keeps each row whole on one page, and passes TP-1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-long-table-'))
    // Row n: 第n项 at the top of its text, its amount 120000 + 37n beside it (the middle of the row).
    const amount = (n: number) => `${120000 + n * 37}.50`
    const rows = Array.from({ length: 30 }, (_, i) => `| ${i + 1} | 第${i + 1}项重点工作：深入学习贯彻党的二十大精神，推进基层党组织标准化规范化建设，落实“三会一课”制度，做好发展党员工作 | 县委宣传部 | 2026年${(i % 12) + 1}月底前 | ${amount(i + 1)} |`)
    writeFileSync(join(dir, 'duties.md'), `# 重点工作责任分工\n\n下表列出今年的重点工作和责任单位。\n\n| 序号 | 工作内容 | 牵头单位 | 完成时限 | 资金（元） |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n以上工作要按期完成。\n`)
    const built = await buildInto(dir)
    const pages = built.texts.map((text, i) => ({ i, text: squash(text) })).filter(({ i, text }) => i >= built.report.bodyStartPage && /第\d+项重点工作/.test(text))
    expect(pages.length).toBeGreaterThan(2)
    for (const { i, text } of pages) {
      // The header once, above the first row of the page.
      const words = pageWords(built.pdf, i)
      const headers = words.filter((w) => w.text === '工作内容')
      expect(headers, `page ${i + 1}`).toHaveLength(1)
      expect(headers[0]!.yMax).toBeLessThan(Math.min(...words.filter((w) => /第\d+项/.test(w.text)).map((w) => w.yMin)))
      // Rows go over whole: the rows that start on the page have their amounts there (a cut row had them on the next page).
      const started = words.flatMap((w) => /^第(\d+)项/.exec(w.text)?.slice(1) ?? []).map(Number)
      expect(words.filter((w) => /^\d{6}\.50$/.test(w.text)).map((w) => w.text), `page ${i + 1} ${text.length}`).toEqual(started.map(amount))
    }
    expect(built.report.preflight!.checks.find((c) => c.id === 'text-complete')!.ok).toBe(true)
  })
})

describe('a course table with short names beside long notes (issue 19)', () => {
  it('keeps each short cell and header on one line, never letter-spaced, with nothing lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-course-table-'))
    const subjects = ['语文', '数学', '外语', '思想政治', '历史', '地理', '物理', '化学', '生物', '技术', '体育与健康', '综合实践活动']
    const rows = subjects.map((s) => `| 语言与文学 | ${s} | 10 | 6 | 不少于2学分，由学校根据实际情况自主开设 | ${s}为必修模块 |`)
    writeFileSync(join(dir, 'course.md'), `# 课程设置\n\n各校认真执行。\n\n| 学习领域 | 科目 | 必修学分 | 选修Ⅰ学分 | 选修Ⅱ学分 | 备注 |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`)
    const built = await buildInto(dir)
    const pages = (await measurePages(built.pdf)).slice(built.report.bodyStartPage)
    // A text printed on one line: some line's runs, joined, hold it whole.
    const onOneLine = (text: string) => pages.some((page) => findText(page, text).length > 0)
    for (const text of ['学习领域', '必修学分', '选修Ⅱ学分', '语言与文学', '思想政治', '体育与健康', '综合实践活动']) expect(onOneLine(text), text).toBe(true)
    // Ragged, not justified: the characters of a short cell stand at their natural advance.
    let measured = 0
    for (const page of pages) {
      for (const text of ['体育与健康', '语言与文学']) {
        const runs = findText(page, text)
        // The runs that spell the cell, left to right.
        for (let i = 0; i < runs.length; i++) {
          let joined = ''
          let j = i
          while (j < runs.length && joined.length < text.length) joined += runs[j++]!.text.trim()
          if (joined !== text) continue
          expect(runs[j - 1]!.right - runs[i]!.left, text).toBeLessThan((5 * runs[i]!.sizePt * 25.4) / 72 + 0.5)
          measured++
          break
        }
      }
    }
    expect(measured).toBeGreaterThan(0)
  })
})

describe('a table row taller than a page', () => {
  it('is split over the pages with nothing lost (a row is kept whole only when it can be)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-tall-row-'))
    const long = '要坚持以人民为中心的发展思想，把群众的急难愁盼作为工作的出发点和落脚点。'.repeat(25)
    writeFileSync(join(dir, 'tall.md'), `# 长单元格\n\n正文。\n\n| 序号 | 工作内容 | 单位 |\n|---|---|---|\n| 1 | ${long} | 县委办 |\n| 2 | 短内容 | 县政府办 |\n`)
    const built = await buildInto(dir)
    expect(built.report.preflight!.checks.find((c) => c.id === 'text-complete')!.ok).toBe(true)
    expect(built.report.pageCount - built.report.bodyStartPage).toBeGreaterThan(1)
  })
})

describe('a booklet of three articles', () => {
  let built: Built
  beforeAll(async () => {
    built = await buildInto('test/fixtures/projects/multi')
  })
  commonChecks(() => built)
  typographyChecks(() => built)

  it('sets —— and …… 2 字 wide and the 间隔号 half a 字 (QA-5, LC-8)', () => {
    const { report } = built
    expect(report.markWidths.length).toBeGreaterThan(0)
    expect(report.markWidths.map((w) => w.mark)).toContain('·')
    for (const { mark, em } of report.markWidths) expect(em, mark).toBeCloseTo(mark === '·' ? 0.5 : 2, 1)
  })

  it('draws 小标宋, 黑体, 楷体 and 仿宋 with four distinct bundled faces (QA-7)', () => {
    const fonts = Object.fromEntries(built.report.fonts.map((f) => [f.role, f]))
    for (const role of ['xbs', 'hei', 'kai', 'fs']) expect(fonts[role]?.source, role).toBe('bundled')
    expect(new Set(['xbs', 'hei', 'kai', 'fs'].map((r) => fonts[r]?.face)).size).toBe(4)
    expect(fonts.fs?.family).toBe('FandolFang')
  })

  it('compresses adjacent marks to 1.5 字 in the body font: 字。”字 is 3.5 字 (QA-6, LC-4)', () => {
    expect(built.report.compression).toEqual({ halt: true, em: 3.5 })
  })

  it('keeps the order of booklet.yaml and prints front matter under each title', () => {
    expect(built.report.articles.map((a) => a.title)).toEqual(['在全县党务工作会议上的讲话', '学习笔记摘编', '简短通知'])
    const opener = squash(built.texts[built.report.articles[0]!.page]!)
    expect(opener).toContain('——凝心聚力抓落实')
    expect(opener).toContain('×××')
    expect(opener).toContain('（2026年10月16日）')
  })

  it('centres the subtitle, speaker and date lines under the title', () => {
    const page = built.report.articles[0]!.page
    // Right-hand page: type area from the 20 mm gutter, 26 × 12 pt wide.
    const centre = (20 / 25.4) * 72 + (26 * 12) / 2
    for (const text of ['——凝心聚力抓落实', '×××', '（2026年10月16日）']) {
      const word = pageWords(built.pdf, page).find((w) => w.text === text)
      expect(word, text).toBeDefined()
      expect((word!.xMin + word!.xMax) / 2, text).toBeCloseTo(centre, -1)
    }
  })

  it('prints every Han character of every article', () => {
    const printed = hanOf(built.texts.join(''))
    const count = (s: string) => [...s].reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>())
    const have = count(printed)
    for (const file of ['speech.md', 'notes.md', 'short.md']) {
      const source = readFileSync(join(root, 'test/fixtures/projects/multi', file), 'utf8').replace(/^---[\s\S]*?---/, '')
      for (const [char, n] of count(hanOf(source))) expect(have.get(char) ?? 0, `${file}: ${char}`).toBeGreaterThanOrEqual(n)
    }
  })

  it('renders tables, lists, quotes and footnotes labelled in Chinese', () => {
    expect(built.html).toContain('<table>')
    expect(built.html).toContain('<blockquote>')
    expect(built.html).toMatch(/<ol>/)
    expect(built.html).toContain('注释')
    expect(built.html).toContain('id="art-2-fn-1"')
  })

  it('shows the notice, publisher and date on the cover', () => {
    const cover = squash(built.texts[0]!)
    expect(cover).toContain('内部资料')
    expect(cover).toContain('中共××县委宣传部')
    expect(cover).toContain('二〇二六年十一月五日')
  })
})
