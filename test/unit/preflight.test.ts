/** Preflight (issue 5): each check passes on a good PDF and fails, with a message, on a bad one. */
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import type { RoleFontReport } from '../../src/fonts/role-report.ts'
import type { PdfLine, PdfPage } from '../../src/pdf/pdf-text.ts'
import { preflight, type PreflightInput } from '../../src/pdf/preflight.ts'

const W = 419.53
const line = (text: string, y: number, xMin = 50): PdfLine => ({ text, y, xMin, xMax: xMin + 12 * [...text].length, size: 12 })
const page = (lines: PdfLine[]): PdfPage => ({ width: W, height: 595.28, lines, fingerprint: '', radicals: '', rows: [] })
const folio = (n: number) => line(`— ${n} —`, 50, n % 2 ? 330 : 60)

/** Cover, blank verso, TOC, blank, then two body pages — 1 — and — 2 —. */
function goodBooklet(): PdfPage[] {
  return [
    page([line('学习资料', 400)]),
    page([]),
    page([line('目录', 500), line('讲话·········1', 470), line('一、总体要求·····2', 450)]),
    page([]),
    page([line('讲话', 500), line('正文第一句。', 470), folio(1)]),
    page([line('一、总体要求', 500), line('正文第二句。', 470), folio(2)]),
  ]
}

const roleFont = (over: Partial<RoleFontReport> = {}): RoleFontReport => ({
  role: 'fs',
  label: '仿宋',
  family: 'FandolFang',
  face: 'FandolFang R',
  source: 'bundled',
  used: [{ family: 'FandolFang R', glyphs: 100 } as never],
  ...over,
})

async function embeddedPdf(): Promise<Uint8Array> {
  return (await PDFDocument.create()).save()
}

async function input(over: Partial<PreflightInput> = {}): Promise<PreflightInput> {
  return {
    pdf: await embeddedPdf(),
    pages: goodBooklet(),
    bodyStartPage: 4,
    hasCover: true,
    toc: [
      { text: '讲话', page: 4 },
      { text: '一、总体要求', page: 5 },
    ],
    manuscriptHan: '讲话正文第一句一总体要求正文第二句',
    fonts: [roleFont()],
    missingFonts: [],
    ...over,
  }
}

const failed = async (over: Partial<PreflightInput>) => (await preflight(await input(over))).checks.filter((c) => !c.ok).map((c) => [c.id, c.problems])

describe('preflight', () => {
  it('passes a good booklet', async () => {
    const result = await preflight(await input())
    expect(result.checks.map((c) => [c.id, c.ok])).toEqual([
      ['toc-pages', true],
      ['line-marks', true],
      ['text-complete', true],
      ['fonts-embedded', true],
      ['role-fonts', true],
      ['blank-folios', true],
      ['text-layer', true],
      ['heading-foot', true],
      ['one-char-line', true],
      ['stretched-lines', true],
      ['lone-lines', true],
      ['facing-pages', true],
      ['folio-sides', true],
    ])
    expect(result.ok).toBe(true)
  })

  it('finds a TOC number that is not the page of its heading (QA-12)', async () => {
    const pages = goodBooklet()
    pages[2] = page([line('目录', 500), line('讲话·········1', 470), line('一、总体要求·····3', 450)])
    expect(await failed({ pages })).toEqual([['toc-pages', ['目录中“一、总体要求”的页码是 3，它实际印在第 2 页']]])
  })

  it('reads a TOC number up to the next entry, also when that entry begins with digits (QA-12)', async () => {
    const pages = goodBooklet()
    pages[2] = page([line('目录', 500), line('讲话·········1', 470), line('2026年工作要点·····2', 450)])
    pages[5] = page([line('2026年工作要点', 500), line('正文第二句。', 470), folio(2)])
    const toc = [
      { text: '讲话', page: 4 },
      { text: '2026年工作要点', page: 5 },
    ]
    const result = await preflight(await input({ pages, toc, manuscriptHan: '讲话正文第一句年工作要点正文第二句' }))
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    pages[2] = page([line('目录', 500), line('讲话·········2', 470), line('2026年工作要点·····2', 450)])
    expect(await failed({ pages, toc, manuscriptHan: '讲话正文第一句年工作要点正文第二句' })).toEqual([['toc-pages', ['目录中“讲话”的页码是 2，它实际印在第 1 页']]])
  })

  it('counts lost characters, and names where the text breaks off, in linear time on a large loss (TP-1)', async () => {
    const sentence = '改革发展稳定任务繁重必须统筹兼顾'
    const manuscriptHan = `讲话正文第一句${sentence.repeat(20_000)}一总体要求正文第二句`
    const [[id, [problem]]] = (await failed({ manuscriptHan })) as [[string, string[]]]
    expect(id).toBe('text-complete')
    expect(problem).toMatch(/^稿件中有 320000 个字没有印出来，如 “改”（话正文第一句改）、“革”（正文第一句改革）/)
  })

  it('does not count a character no font has as lost: it is printed as a box, reported before (FN-5)', async () => {
    expect(await failed({ manuscriptHan: '讲话正文第一句𪚥一总体要求正文第二句', glyphless: ['𪚥'] })).toEqual([])
  })

  it('finds a line that starts with 。 or ends with “ (QA-4)', async () => {
    const pages = goodBooklet()
    pages[5] = page([line('。正文第二句“', 470), folio(2)])
    expect(await failed({ pages, manuscriptHan: '讲话正文第一句正文第二句', toc: [] })).toEqual([
      ['line-marks', ['第 2 页一行以“。”开头：。正文第二句“……', '第 2 页一行以““”结尾：……。正文第二句“']],
    ])
  })

  it('finds Han characters of the manuscript that were not printed', async () => {
    expect(await failed({ manuscriptHan: '讲话正文第一句丢失的字一总体要求正文第二句' })).toEqual([
      ['text-complete', ['稿件中有 4 个字没有印出来，如 “丢”（话正文第一句丢）、“失”（正文第一句丢失）、“的”（文第一句丢失的）、“字”（第一句丢失的字）']],
    ])
  })

  it('finds a passage printed twice, at its first occurrence in the manuscript (TP-1)', async () => {
    const passage = '改革发展稳定任务繁重必须统筹兼顾'
    const pages = goodBooklet()
    pages[4] = page([line('讲话', 500), line(`正文第一句。${passage}`, 470), folio(1)])
    // The layout resumed the paragraph at the wrong place: the passage again on the next page.
    pages[5] = page([line(`${passage}。`, 500), line('一、总体要求', 480), line('正文第二句。', 470), folio(2)])
    const result = await preflight(await input({ pages, manuscriptHan: `讲话正文第一句${passage}一总体要求正文第二句` }))
    const check = result.checks.find((c) => c.id === 'text-complete')!
    expect([check.ok, check.blocking, check.title, check.problems]).toEqual([false, true, '稿件的每个汉字都印在正文页上，且只印一次', ['有 16 个字印了不止一遍（排版时重复了一段文字），如“改革发展稳定任务繁重必须”']])
    expect(check.lostAt).toEqual([7])
  })

  it('counts a table header repeated on the next page as printed on purpose, and only that text (TP-1)', async () => {
    const pages = goodBooklet()
    pages[5] = page([line('序号 工作内容', 500), line('一、总体要求', 480), line('正文第二句。', 470), folio(2)])
    pages[4] = page([line('讲话', 500), line('正文第一句丢失的字。', 470), line('序号 工作内容', 440), folio(1)])
    const han = '讲话正文第一句丢失的字序号工作内容一总体要求正文第二句'
    const ok = await preflight(await input({ pages, manuscriptHan: han, repeatedText: '序号工作内容' }))
    expect(ok.checks.find((c) => c.id === 'text-complete')!.ok).toBe(true)
    const twice = await preflight(await input({ pages, manuscriptHan: han }))
    expect(twice.checks.find((c) => c.id === 'text-complete')!.problems).toEqual(['有 6 个字印了不止一遍（排版时重复了一段文字）'])
  })

  it('gives the place of each example of lost text as its index in manuscriptHan, counting characters no font has (TP-1)', async () => {
    const result = await preflight(await input({ manuscriptHan: '讲话正文𪚥第一句丢失一总体要求正文第二句', glyphless: ['𪚥'] }))
    expect(result.checks.find((c) => c.id === 'text-complete')!.lostAt).toEqual([8, 9])
  })

  it('finds Type 3 fonts and fonts that are not embedded', async () => {
    const doc = await PDFDocument.create()
    doc.addPage().drawText('x', { font: await doc.embedFont(StandardFonts.Helvetica) })
    doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type3', BaseFont: PDFName.of('ABCDEF+Odd') }))
    expect(await failed({ pdf: await doc.save() })).toEqual([['fonts-embedded', ['字体没有嵌入：Helvetica', 'Type 3 字体：Odd']]])
    // The same from the document the PDF is written from (the build's way: no second parse).
    expect(await failed({ pdf: doc })).toEqual([['fonts-embedded', ['字体没有嵌入：Helvetica', 'Type 3 字体：Odd']]])
  })

  it('finds a role drawn with a fallback face, or partly with one', async () => {
    const fonts = [
      roleFont({ source: 'fallback', face: 'AR PL UMing', used: [{ family: 'AR PL UMing', glyphs: 100 } as never] }),
      roleFont({ label: '黑体', used: [{ family: 'FandolFang R', glyphs: 90 } as never, { family: 'Noto Sans CJK SC', glyphs: 2 } as never] }),
    ]
    expect(await failed({ fonts, missingFonts: ['FandolKai'], lateFonts: ['Noto Serif SC'] })).toEqual([
      [
        'role-fonts',
        ['字体未能载入：FandolKai', '字体 Noto Serif SC 在排版中途才载入，部分行可能按别的字体测量', '仿宋用的是替代字体 AR PL UMing', '黑体中有 2 个字用了替代字体 Noto Sans CJK SC'],
      ],
    ])
  })

  it('finds page numbers on the cover and on blank pages, and odd numbers on left pages', async () => {
    const pages = goodBooklet()
    pages[0] = page([line('学习资料', 400), folio(1)])
    pages[3] = page([folio(2)])
    pages[5] = page([line('一、总体要求', 500), line('正文第二句。', 470), line('— 3 —', 50, 330)])
    expect(await failed({ pages, toc: [] })).toEqual([
      ['blank-folios', ['封面印了页码', '空白页（第 4 张 PDF 页）印了页码 2']],
      ['folio-sides', ['页码 3 印在左页（第 6 张 PDF 页）', '页码 3 没有印在页面外侧（第 6 张 PDF 页）']],
    ])
  })

  it('checks the padded page count when imposing', async () => {
    expect((await preflight(await input({ imposedPageCount: 8 }))).checks.at(-1)).toMatchObject({ id: 'page-count', ok: true })
    expect(await failed({ imposedPageCount: 10 })).toEqual([['page-count', ['拼版后共 10 页，不是 4 的倍数']]])
  })
})

describe('preflight with repeated headings', () => {
  it('reads the TOC in order, so the same heading in two articles is checked against each page', async () => {
    const pages = [
      page([line('封面', 400)]),
      page([]),
      page([line('甲·········1', 470), line('一、总体要求·····1', 450), line('乙·········3', 430), line('一、总体要求·····3', 410)]),
      page([]),
      page([line('甲', 500), line('一、总体要求', 470), folio(1)]),
      page([folio(2), line('正文。', 470)]),
      page([line('乙', 500), line('一、总体要求', 470), folio(3)]),
    ]
    const toc = [
      { text: '甲', page: 4 },
      { text: '一、总体要求', page: 4 },
      { text: '乙', page: 6 },
      { text: '一、总体要求', page: 6 },
    ]
    expect(await failed({ pages, toc, manuscriptHan: '甲一总体要求正文乙一总体要求' })).toEqual([])
  })
})

describe('official documents (issue 18: GB/T 9704 read back from the print)', () => {
  const A4 = 841.89
  const MM = 72 / 25.4
  /** A line whose characters' em box starts `topMm` below the top of the paper. */
  const at = (text: string, topMm: number, size = 16, xMin = 80): PdfLine => ({ text, y: A4 - topMm * MM - 0.88 * size, xMin, xMax: xMin + size * [...text].length, size })
  const a4 = (lines: PdfLine[]): PdfPage => ({ width: 595.28, height: A4, lines, fingerprint: '', radicals: '', rows: [] })
  const official = { articles: [{ title: '关于做好春耕生产的通知', mark: { text: '××县人民政府文件', topMm: 72 }, closing: { signature: '××县人民政府', date: '2026年3月1日' }, colophon: { lastLine: '××县人民政府办公室2026年3月2日印发', evenPage: true } }], typeAreaBottomMm: 262, lineMm: 225 / 22 }
  const good = () => [
    a4([at('××县人民政府文件', 72, 42), at('关于做好春耕生产的通知', 130, 22), at('请认真做好春耕生产工作。', 160), at('××县人民政府', 180), at('2026年3月1日', 190), at('— 1 —', 270, 14)]),
    a4([at('抄送：县委办公室。', 245, 14), at('××县人民政府办公室2026年3月2日印发', 256, 14), at('— 2 —', 270, 14)]),
  ]
  const checks = async (pages: PdfPage[], over: Partial<typeof official> = {}) => {
    const result = await preflight(await input({ pages, bodyStartPage: 0, hasCover: false, toc: [], manuscriptHan: '', official: { ...official, ...over } }))
    return Object.fromEntries(result.checks.filter((c) => c.id.startsWith('official-')).map((c) => [c.id, c.problems]))
  }

  it('passes a document printed as the standard says', async () => {
    expect(await checks(good())).toEqual({ 'official-head': [], 'official-closing': [], 'official-colophon': [] })
  })

  it('finds a mark out of place, a 落款 alone on its page and a 版记 on an odd page or above the foot', async () => {
    const pages = good()
    pages[0]!.lines[0] = at('××县人民政府文件', 73, 42)
    expect((await checks(pages))['official-head']).toEqual(['发文机关标志“××县人民政府文件”的上边缘距纸张上边 73.0 mm，应为 72.0 mm'])
    const alone = [a4([at('××县人民政府文件', 72, 42), at('请认真做好春耕生产工作。', 250)]), a4([at('××县人民政府', 40), at('2026年3月1日', 50), at('抄送：县委办公室。', 245, 14), at('××县人民政府办公室2026年3月2日印发', 256, 14)])]
    expect((await checks(alone))['official-closing']).toEqual(['落款（××县人民政府2026年3月1日）单独在第 2 页上，前面没有正文'])
    const odd = [a4([...good()[0]!.lines.slice(0, 5), at('××县人民政府办公室2026年3月2日印发', 230, 14)])]
    expect((await checks(odd))['official-colophon']).toEqual([
      '版记“××县人民政府办公室2026年3月2日印发”印在第 1 张（单页）上，应在双页（最后一页的背面）',
      '版记最后一行在距纸张上边 234.9 mm 处，不在版心最下一行（262.0 mm）',
    ])
  })

  it('does not take the 版记’s 印发机关 for a mark of the same name, and names the document when there are several', async () => {
    const second = { ...official.articles[0]!, title: '第二篇', mark: { text: '××县人民政府', topMm: 72 } }
    const pages = [...good(), a4([at('××县人民政府', 72, 42), at('正文。', 160), at('××县人民政府', 180), at('2026年3月1日', 190)]), a4([at('××县人民政府办公室2026年3月2日印发', 256, 14)])]
    expect(await checks(pages, { articles: [official.articles[0]!, second] })).toEqual({ 'official-head': [], 'official-closing': [], 'official-colophon': [] })
    pages[2]!.lines[0] = at('××县人民政府', 90, 42)
    expect((await checks(pages, { articles: [official.articles[0]!, second] }))['official-head']).toEqual(['《第二篇》：发文机关标志“××县人民政府”的上边缘距纸张上边 90.0 mm，应为 72.0 mm'])
  })
})

describe('text layer (issue 19, item 5)', () => {
  it('finds radicals a reader would copy instead of the ideographs, unless the manuscript has them', async () => {
    const pages = goodBooklet()
    pages[4] = { ...pages[4]!, radicals: '⼀⼈⼀' }
    const failed = (await preflight(await input({ pages }))).checks.find((c) => c.id === 'text-layer')!
    expect(failed.ok).toBe(false)
    expect(failed.problems).toEqual(['第 1 页的文字层中有 3 个字复制出来是形近的部首：“⼀”（应为“一”）、“⼈”（应为“人”）'])
    const typed = (await preflight(await input({ pages, manuscriptHan: '讲话正文第一句一总体要求正文第二句⼀⼈' }))).checks.find((c) => c.id === 'text-layer')!
    expect(typed.ok).toBe(true)
  })
})

describe('page ends (issue 19, item 6)', () => {
  const body = (text: string, y: number, xMin = 50) => line(text, y, xMin)

  it('finds a heading left as the last line of its page (LC-11), not one with text below it', async () => {
    const pages = goodBooklet()
    pages[4] = page([line('讲话', 500), body('正文第一句。', 470), line('二、工作措施', 80), folio(1)])
    const found = (await preflight(await input({ pages, headings: [{ text: '二、工作措施', page: 4 }] }))).checks.find((c) => c.id === 'heading-foot')!
    expect(found.problems).toEqual(['第 1 页：标题“二、工作措施”是这一页的最后一行'])
    pages[4] = page([line('讲话', 500), line('二、工作措施', 470), body('正文第一句。', 440), folio(1)])
    expect((await preflight(await input({ pages, headings: [{ text: '二、工作措施', page: 4 }] }))).checks.find((c) => c.id === 'heading-foot')!.ok).toBe(true)
  })

  it('finds a paragraph whose last line is one character (LC-10), not a table cell or an indented line', async () => {
    const pages = goodBooklet()
    pages[4] = page([line('讲话', 500), body('正文第一句正文第一句正文第一句正文', 470), body('句。', 455), line('甲', 430, 120), folio(1)])
    const found = (await preflight(await input({ pages }))).checks.find((c) => c.id === 'one-char-line')!
    expect(found.problems).toEqual(['第 1 页有一段的最后一行只有一个字：“句。”'])
  })

  it('takes no table cell of one character for a paragraph end, beside a full line of the next cell (issue 20)', async () => {
    const pages = goodBooklet()
    // 甲 in the first column, at the left of the type area, beside a long word filling the second column.
    const wide = (text: string, y: number) => ({ text, y, xMin: 86, xMax: 254, size: 12 })
    pages[4] = page([line('讲话', 500), body('正文第一句正文第一句正文第一句正', 470), wide('aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 455), line('甲', 445), wide('aaaaaaaaaaaaaaaaaaaaaaaaaaaa', 440), folio(1)])
    const found = (await preflight(await input({ pages }))).checks.find((c) => c.id === 'one-char-line')!
    expect(found.problems).toEqual([])
  })
})

describe('stretched lines (issue 19, item 6: LC-9)', () => {
  /** A row of glyphs 12 pt wide with these gaps (points) between them; `ruled` gaps hold a cell border. */
  const row = (text: string, gaps: number[], ruled: number[] = [], size = 12) => ({ y: 400, text, size, gaps: gaps.map((width, i) => ({ width, ruled: ruled.includes(i) })) })
  const stretched = async (rows: PdfPage['rows']) => {
    const pages = goodBooklet()
    pages[4] = { ...pages[4]!, rows }
    return (await preflight(await input({ pages }))).checks.find((c) => c.id === 'stretched-lines')!
  }

  it('finds a line with two gaps over half an em between its characters', async () => {
    const found = await stretched([row('汇报人：张三', [0, 7.2, 7.2, 0.1, 0])])
    expect(found.ok).toBe(false)
    expect(found.problems).toEqual(['第 1 页有一行字距被拉开（字距最宽 0.60 字）：“汇报人：张三”'])
  })

  it('passes a justified line, one wide gap (a word space), and gaps a cell border crosses', async () => {
    expect((await stretched([row('各党务部门和广大党务工作者', Array(12).fill(0.4))])).ok).toBe(true)
    expect((await stretched([row('主题词经济管理', [0, 12, 0, 0, 0, 0])])).ok).toBe(true)
    expect((await stretched([row('总计14455551600', [0, 9, 0, 0, 9, 0, 0, 9, 0, 0, 0], [1, 4, 7])])).ok).toBe(true)
    // Inside one cell the same gaps are a letter-spaced cell (体　育　与　健　康).
    expect((await stretched([row('总计体育与健康', [0, 9, 7, 7, 7, 7], [1])])).ok).toBe(false)
  })

  it('leaves lines larger than the body alone (a title or 公文 mark spaced by design), emphasis dots, and pages before the body', async () => {
    expect((await stretched([row('目录', [0, 24], [], 22), row('国务院文件', [10, 10, 10, 10], [], 36)])).ok).toBe(true)
    expect((await stretched([row('⚫⚫⚫⚫', [8, 8, 8])])).ok).toBe(true)
    const pages = goodBooklet()
    pages[2] = { ...pages[2]!, rows: [row('讲话目录', [6, 6, 6])] }
    expect((await preflight(await input({ pages }))).checks.find((c) => c.id === 'stretched-lines')!.ok).toBe(true)
  })
})

describe('lone lines at page breaks (issue 19, item 3: LC-11)', () => {
  // Lines of 12 pt from x = 50 to 350 (25 字); a paragraph's first line starts 2 字 in.
  const full = (text: string, y: number) => ({ text, y, xMin: 50, xMax: 350, size: 12 })
  const first = (text: string, y: number) => ({ text, y, xMin: 74, xMax: 350, size: 12 })
  const end = (text: string, y: number) => ({ text, y, xMin: 50, xMax: 50 + 12 * [...text].length, size: 12 })
  const lone = async (a: PdfLine[], b: PdfLine[]) => {
    const pages = goodBooklet()
    pages[4] = page([...a, folio(1)])
    pages[5] = page([...b, folio(2)])
    return (await preflight(await input({ pages }))).checks.find((c) => c.id === 'lone-lines')!
  }

  it('finds a paragraph whose last line is alone at the head of the next page (a widow)', async () => {
    const found = await lone([first('正文第一段的第一行', 500), full('正文第一段的第二行', 478), full('正文第一段的第三行', 456)], [end('最后一行。', 500), first('下一段的第一行', 478), full('下一段的第二行', 456)])
    expect(found.problems).toEqual(['第 2 页首行“最后一行。”是上一页那一段的最后一行，单独留在这一页'])
  })

  it('finds a paragraph whose first line is alone at the foot of a page (an orphan)', async () => {
    const found = await lone([first('正文第一段', 500), end('第一段完。', 478), first('下一段的第一行只在这一页', 456)], [full('下一段的第二行', 500), full('下一段的第三行', 478), end('完。', 456)])
    expect(found.problems).toEqual(['第 1 页末行“下一段的第一行只在这一页……”是一段的第一行，这一段其余的行在下一页'])
  })

  it('passes two lines on each side, a paragraph that ends at the foot, and one that opens a page', async () => {
    expect((await lone([first('第一行', 500), full('第二行', 478), full('第三行', 456)], [full('第四行', 500), end('完。', 478), first('下一段', 456)])).ok).toBe(true)
    expect((await lone([first('第一行', 500), full('第二行', 478), full('第三行完。', 456)], [first('新一段', 500), full('第二行', 478), end('完。', 456)])).ok).toBe(true)
  })
})

describe('facing pages end on one line (issue 19, item 3: LC-16)', () => {
  const lines = (count: number) => Array.from({ length: count }, (_, i) => ({ text: `正文第${i + 1}行`, y: 500 - 22.5 * i, xMin: 50, xMax: 350, size: 12 }))
  const facing = async (left: number, right: number, state: 'even' | 'uneven') => {
    const pages = goodBooklet()
    pages[4] = page([...lines(left), folio(1)])
    pages[5] = page([...lines(right), folio(2)])
    return (await preflight(await input({ pages, spreads: [{ right: 5, state }] }))).checks.find((c) => c.id === 'facing-pages')!
  }

  it('passes a spread the layout balanced whose two pages end on one line in the PDF', async () => {
    expect((await facing(20, 20, 'even')).ok).toBe(true)
  })

  it('finds a spread the layout took for balanced that the PDF prints a line apart', async () => {
    expect((await facing(20, 19, 'even')).problems).toEqual(['第 1、2 页：排版时末行对齐，印出的 PDF 中右页少 1 行'])
  })

  it('names a spread that nothing balanced, with what the user can do', async () => {
    expect((await facing(19, 20, 'uneven')).problems).toEqual(['第 1、2 页：对页末行没有对齐，左页少 1 行——在这两页上删减或增补几个字，让一段少占或多占一行即可'])
  })

  it('leaves spreads the layout did not list alone (an article or section ends there)', async () => {
    const pages = goodBooklet()
    pages[4] = page([...lines(20), folio(1)])
    pages[5] = page([...lines(5), folio(2)])
    expect((await preflight(await input({ pages }))).checks.find((c) => c.id === 'facing-pages')!.ok).toBe(true)
  })
})
