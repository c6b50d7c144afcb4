/** Word import (issue 4): styles, bold leads, footnotes, tables, images, and typed numbering. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { VFile } from 'vfile'
import { docxToBlocks } from '../../src/import/docx.ts'
import { formatNumber } from '../../src/import/docx-numbering.ts'
import { articleToHtml, processArticle } from '../../src/pipeline/processor.ts'
import { importPlainText } from '../../src/import/plain-text.ts'
import { structureToMarkdown } from '../../src/import/structure.ts'
import { makeDocx } from '../helpers/make-docx.ts'

const sample = readFileSync(join(import.meta.dirname, '../fixtures/import/party-work-meeting-speech.txt'), 'utf8')
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

async function importDocx(bytes: Buffer) {
  const { blocks, notes } = await docxToBlocks(bytes)
  const result = structureToMarkdown(blocks)
  return { ...result, notes: [...notes, ...result.notes] }
}

describe('Word import', () => {
  it('maps heading styles, bold lead text, footnotes and tables to the manuscript format', async () => {
    const docx = await makeDocx(
      [
        { heading: 'title', text: '关于加强基层党建工作的通知' },
        { heading: 1, text: '一、总体要求' },
        { heading: 2, text: '指导思想' },
        { runs: [{ text: '要旗帜鲜明讲政治。', bold: true }, { text: '始终把党的政治建设摆在首位', footnote: 1 }, { text: '。' }] },
        { table: [['项目', '责任单位'], ['学习', '组织部']] },
        '二、重点任务',
        '今年要重点抓好三件事，有句号。',
      ],
      { 1: '见《中国共产党章程》。' },
    )
    const result = await importDocx(docx)
    expect(result.markdown).toBe(
      [
        '---',
        'title: 关于加强基层党建工作的通知',
        '---',
        '',
        '## 一、总体要求',
        '',
        '### 指导思想',
        '',
        '**要旗帜鲜明讲政治。**始终把党的政治建设摆在首位[^1]。',
        '',
        '| 项目 | 责任单位 |',
        '| -- | ---- |',
        '| 学习 | 组织部  |',
        '',
        '## 二、重点任务',
        '',
        '今年要重点抓好三件事，有句号。',
        '',
        '[^1]: 见《中国共产党章程》。',
        '',
      ].join('\n'),
    )
    expect(result.notes).toContainEqual({ message: '第 3 段：按 Word 的标题样式当作二级标题：指导思想', rule: 'import-heading' })
  })

  it('shifts heading styles so the shallowest one used is level 1', async () => {
    const result = await importDocx(await makeDocx(['标题', { heading: 2, text: '总体要求' }, '正文，有句号。', { heading: 3, text: '指导思想' }, '正文，有句号。']))
    expect(result.markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## 总体要求', '### 指导思想'])
  })

  it('gives a document typed with manual numbering and no styles the same Markdown as the plain text', async () => {
    const paragraphs = sample.split('\n').filter((l) => l.trim() !== '')
    const result = await importDocx(await makeDocx(paragraphs))
    expect(result.markdown).toBe(importPlainText(sample).markdown)
    // Word has paragraphs, not lines: the guesses name the paragraph.
    expect(result.notes.find((n) => n.rule === 'import-heading')?.message).toMatch(/^第 6 段：/)
  })

  it('leaves images out and says so', async () => {
    const result = await importDocx(await makeDocx(['标题', '正文，有句号。', { image: PIXEL }]))
    expect(result.markdown).not.toContain('data:')
    expect(result.notes[0]).toMatchObject({ rule: 'import-image', severity: 'warning', message: expect.stringContaining('1 张图片没有导入') })
  })
})

describe('Word automatic numbering', () => {
  it('types out Word\'s numbers as Word shows them, and takes the numbered paragraphs as headings (issue 17)', async () => {
    const { Document, Packer, Paragraph, AlignmentType, LevelFormat } = await import('docx')
    const level = (n: number, text: string) => ({ level: n, format: LevelFormat.CHINESE_COUNTING, text, alignment: AlignmentType.LEFT })
    const numbered = (text: string, n: number) => new Paragraph({ text, numbering: { reference: 'cn', level: n } })
    const doc = new Document({
      numbering: { config: [{ reference: 'cn', levels: [level(0, '%1、'), level(1, '（%2）')] }] },
      sections: [
        {
          children: [
            new Paragraph('讲话标题'),
            numbered('总体要求', 0),
            new Paragraph('正文一，有句号。'),
            numbered('指导思想', 1),
            new Paragraph('正文二，有句号。'),
            numbered('重点任务', 0),
            new Paragraph('正文三，有句号。'),
          ],
        },
      ],
    })
    const result = await importDocx(await Packer.toBuffer(doc))
    expect(result.markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## 一、总体要求', '### （一）指导思想', '## 二、重点任务'])
    expect(result.notes.find((n) => n.rule === 'import-numbering')?.message).toBe('Word 自动编号的 3 个段落，编号按 Word 中显示的样子写成了文字')
  })

  it('keeps a numbered list body text, each item with the number Word shows', async () => {
    const { Document, Packer, Paragraph, AlignmentType, LevelFormat } = await import('docx')
    const item = (text: string) => new Paragraph({ text, numbering: { reference: 'n', level: 0 } })
    const doc = new Document({
      numbering: { config: [{ reference: 'n', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }] },
      sections: [{ children: [new Paragraph('题'), new Paragraph('学习内容如下：'), item('学习党章'), item('学习准则'), new Paragraph('正文，有句号。')] }],
    })
    const markdown = (await importDocx(await Packer.toBuffer(doc))).markdown
    expect(markdown).toContain('\n1.学习党章\n\n2.学习准则\n')
    expect(markdown).not.toContain('#')
  })
})

describe('Word numbering typed out as Word shows it (issue 17)', () => {
  it('formats counters in Word’s number formats', () => {
    expect(['chineseCounting', 'decimal', 'decimalEnclosedCircle', 'ideographTraditional', 'upperRoman', 'lowerLetter', 'decimalFullWidth', 'ideographDigital'].map((f) => formatNumber(12, f))).toEqual([
      '十二', '12', '⑫', '12', 'XII', 'l', '１２', '一二',
    ])
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙')
  })

  it('numbers headings whose style (标题 1, as WPS sets it up) is linked to a list, and honours a start override', async () => {
    const { Document, Packer, Paragraph, HeadingLevel, AlignmentType, LevelFormat } = await import('docx')
    const doc = new Document({
      numbering: { config: [{ reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT, start: 3 }] }] },
      sections: [
        {
          children: [
            new Paragraph('讲话标题'),
            new Paragraph({ text: '总体要求', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('正文一，有句号。'),
            new Paragraph({ text: '重点任务', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('正文二，有句号。'),
            // Makes the list exist in numbering.xml; its own number is the first of the list.
            new Paragraph({ text: '保障措施', numbering: { reference: 'cn', level: 0 } }),
            new Paragraph('正文三，有句号。'),
          ],
        },
      ],
    })
    const zip = await JSZip.loadAsync(await Packer.toBuffer(doc))
    // The list 保障措施 is numbered with.
    const numId = /<w:numId w:val="(\d+)"\/>/u.exec(await zip.file('word/document.xml')!.async('string'))![1]
    // The Heading 1 style carries the list, as a document set up in WPS or Word's 多级列表 does.
    const styles = (await zip.file('word/styles.xml')!.async('string')).replace(
      /(<w:style [^>]*w:styleId="Heading1"[^>]*>(?:(?!<\/w:style>)[\s\S])*?<w:qFormat\/>)/u,
      `$1<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>`,
    )
    expect(styles).toContain(`<w:numId w:val="${numId}"/>`)
    zip.file('word/styles.xml', styles)
    const result = await importDocx(await zip.generateAsync({ type: 'nodebuffer' }))
    expect(result.markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual(['## 三、总体要求', '## 四、重点任务', '## 五、保障措施'])
  })

  it('does not number a bold Word heading twice: **一、充分肯定成绩** prints 一、 once, in the body and the outline', async () => {
    const docx = await makeDocx(['讲话', { runs: [{ text: '一、充分肯定成绩', bold: true }] }, '正文，有句号。', { runs: [{ text: '二、明确目标任务', bold: true }] }, '正文，有句号。'])
    const result = await importDocx(docx)
    expect(result.markdown).toContain('\n## 一、充分肯定成绩\n')
    const file = new VFile({ path: 'a.md', value: result.markdown })
    await processArticle(file, 'art-1')
    expect(file.data.outline!.headings.map((h) => h.text)).toEqual(['一、充分肯定成绩', '二、明确目标任务'])
  })
})

describe('Word tables with merged cells (issue 19)', () => {
  it('keeps rowspan and colspan as an HTML table the pipeline prints with its merged cells', async () => {
    // The 内地西藏初中班 plan of the 上行文 fixture: 分年度招生任务 over three years, 省（市） over two rows.
    const docx = await makeDocx([
      '内地西藏初中班（校）扩大招生计划表',
      {
        table: [
          [{ text: '省（市）', rowSpan: 2 }, { text: '1995年招生人数', rowSpan: 2 }, { text: '扩招', rowSpan: 2 }, { text: '分年度招生任务', columnSpan: 3 }],
          ['1996年', '1997年', '1998年'],
          ['总计', '1445', '555', '1600', '1800', '2000'],
          [{ text: '江苏\n（含扩招）' }, '100', '100', '120', '140', '200'],
        ],
      },
    ])
    const { markdown } = await importDocx(docx)
    expect(markdown).toContain(
      [
        '<table>',
        '<tr><th rowspan="2">省（市）</th><th rowspan="2">1995年招生人数</th><th rowspan="2">扩招</th><th colspan="3">分年度招生任务</th></tr>',
        '<tr><th>1996年</th><th>1997年</th><th>1998年</th></tr>',
        '<tr><td>总计</td><td>1445</td><td>555</td><td>1600</td><td>1800</td><td>2000</td></tr>',
        '<tr><td>江苏<br>（含扩招）</td><td>100</td><td>100</td><td>120</td><td>140</td><td>200</td></tr>',
        '</table>',
      ].join('\n'),
    )
    const html = (await articleToHtml(new VFile({ path: 'plan.md', value: markdown }), 'a1')).replace(/\n\s*/gu, '')
    expect(html).toMatch(/<thead><tr><th rowspan="2">省（市）<\/th>.*<th colspan="3">分年度招生任务<\/th><\/tr><tr><th>1996年<\/th>/u)
    expect(html).toContain('<tbody><tr><td class="short">总计</td>')
    expect(html).toContain('<td class="short">江苏<br>（含扩招）</td>')
  })

  it('writes a table without merged cells as a Markdown table still', async () => {
    const { markdown } = await importDocx(await makeDocx([{ table: [['科目', '学分'], ['语文', '10']] }]))
    expect(markdown).not.toContain('<table>')
    expect(markdown).toMatch(/\| 科目 \| 学分 \|/u)
  })
})
