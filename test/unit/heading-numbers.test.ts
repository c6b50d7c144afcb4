import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyEdits } from '../../src/pipeline/fixes.ts'
import { processArticle } from '../../src/pipeline/processor.ts'
import type { NumberingMode } from '../../src/pipeline/remark/heading-numbers.ts'
import { typedOrdinal, formatOrdinal, chineseNumber } from '../../src/text/ordinals.ts'

async function headings(markdown: string, numbering: NumberingMode = 'auto') {
  const file = new VFile({ path: 'a.md', value: markdown })
  await processArticle(file, 'art-1', { numbering })
  return { file, texts: file.data.outline!.headings.map((h) => h.text), messages: file.messages }
}

describe('official ordinals (EL-2 … EL-5)', () => {
  it('formats the four levels', () => {
    expect([1, 2, 3, 4].map((level) => formatOrdinal(level, 12))).toEqual(['十二、', '（十二）', '12.', '（12）'])
    expect([1, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十一', '九十九'])
  })

  it('recognises typed ordinals in their usual and sloppy forms', () => {
    expect(typedOrdinal('二、聚焦')).toMatchObject({ level: 1, value: 2, text: '二、' })
    expect(typedOrdinal('十一.总体')).toMatchObject({ level: 1, value: 11 })
    expect(typedOrdinal('（一）、总体要求')).toMatchObject({ level: 2, value: 1, text: '（一）、' })
    expect(typedOrdinal('(3)加强')).toMatchObject({ level: 4, value: 3 })
    expect(typedOrdinal('1、加强')).toMatchObject({ level: 3, value: 1, text: '1、' })
    expect(typedOrdinal('2．加强')).toMatchObject({ level: 3, value: 2 })
  })

  it('goes on in Chinese numerals past 九十九 (一百, 一百零一, 一百一十 …), not in Arabic digits', () => {
    const numbers = [100, 101, 110, 111, 120, 199, 200, 1000, 1001, 1010, 1100, 2020, 9999, 10001]
    expect(numbers.map(chineseNumber)).toEqual([
      '一百', '一百零一', '一百一十', '一百一十一', '一百二十', '一百九十九', '二百',
      '一千', '一千零一', '一千零一十', '一千一百', '二千零二十', '九千九百九十九', '一万零一',
    ])
    expect([1, 2].map((level) => formatOrdinal(level, 101))).toEqual(['一百零一、', '（一百零一）'])
  })

  it('reads every number it writes back, and the usual typed variants of large ones', () => {
    for (let n = 1; n <= 9999; n++) expect(typedOrdinal(`${chineseNumber(n)}、标题`)?.value).toBe(n)
    expect(typedOrdinal('（一百一十）标题')).toMatchObject({ level: 2, value: 110, text: '（一百一十）' })
    expect(['两百、', '一百十、', '一百〇一、', '一十、'].map((t) => typedOrdinal(t)?.value)).toEqual([200, 110, 101, 10])
    // Characters that only look like a number are no ordinal.
    expect(['十十、', '二百三、', '千万、要注意', '百、', '两、'].map((t) => typedOrdinal(t))).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it('leaves numbers that are not ordinals alone', () => {
    expect(typedOrdinal('1.5倍的增长')).toBeUndefined()
    expect(typedOrdinal('一方面要加强')).toBeUndefined()
    expect(typedOrdinal('2026年工作要点')).toBeUndefined()
  })
})

describe('heading numbering (EL-18)', () => {
  it('numbers the sample speech consistently although only the second heading has a number', async () => {
    const { texts, messages } = await headings('## 坚持党的领导\n\n正文\n\n## 二、聚焦中心大局\n\n## 加强组织领导\n')
    expect(texts).toEqual(['一、坚持党的领导', '二、聚焦中心大局', '三、加强组织领导'])
    expect(messages.filter((m) => m.ruleId === 'EL-18').map((m) => [m.line, m.reason, m.ruleId])).toEqual([
      [1, '标题补上编号“一、”（同级标题的编号都在各自的位置上）', 'EL-18'],
      [7, '标题补上编号“三、”（同级标题的编号都在各自的位置上）', 'EL-18'],
    ])
  })

  it('numbers the hundredth heading 一百、 and recognises an author\'s typed 一百零一、 instead of numbering it twice', async () => {
    const md = Array.from({ length: 102 }, (_, i) => (i === 100 ? '## 一百零一、自己编号\n' : `## 题${i + 1}\n`)).join('\n')
    const { texts, messages } = await headings(md)
    expect(texts.slice(98)).toEqual(['九十九、题99', '一百、题100', '一百零一、自己编号', '一百零二、题102'])
    expect(messages.some((m) => m.line === 201)).toBe(false)
  })

  it('with numbering: renumber, restarts each level under its parent and fixes duplicated and wrong-form numbers', async () => {
    const { texts, messages } = await headings(
      '## 一、甲\n\n### （一）子一\n\n### （一）子二\n\n#### 1、孙\n\n##### (1)曾孙\n\n## 一、乙\n\n### 子三\n',
      'renumber',
    )
    expect(texts).toEqual(['一、甲', '（一）子一', '（二）子二', '1.孙', '（1）曾孙', '二、乙', '（一）子三'])
    const warnings = messages.filter((m) => m.ruleId === 'EL-18' && m.fatal === false).map((m) => m.reason)
    expect(warnings).toEqual(['标题编号“（一）”与前后不连贯，改为“（二）”', '标题编号“一、”与前后不连贯，改为“二、”'])
  })

  it('keeps the author\'s numbers: a number that breaks its sequence is reported, not changed (issue 17)', async () => {
    const { texts, messages } = await headings('## 一、甲\n\n### （一）子一\n\n### （一）子二\n\n## 一、乙\n\n## 十、丙\n')
    expect(texts).toEqual(['一、甲', '（一）子一', '（一）子二', '一、乙', '十、丙'])
    const warnings = messages.filter((m) => m.ruleId === 'EL-18' && m.fatal === false).map((m) => [m.line, m.reason])
    expect(warnings).toEqual([[9, '标题编号“十、”与前一个同级编号（1）不连贯，保持原样，请核对']])
  })

  it('counts a numbered paragraph kept as text between two headings, and says plainly when a level starts past 1', async () => {
    const kept = await headings('## 一、甲\n\n### （一）子一\n\n（二）聚焦加快构建现代化产业体系，深化实施“1269”行动计划，有很长的正文……\n\n### （三）子三\n')
    expect(kept.messages.filter((m) => m.ruleId === 'EL-18')).toEqual([])
    const late = await headings('## 一、甲\n\n##### （6）其他未尽事项\n')
    expect(late.messages.find((m) => m.ruleId === 'EL-18')?.reason).toBe('标题编号“（6）”这一级前面还没有编号，却不从 1 编起，保持原样，请核对')
  })

  it('keeps numbering that runs on across sections (1.–6. under 一、二、) and attachments that start again at 一、 (issue 17)', async () => {
    const md = '## 一、甲\n\n#### 1.子\n\n#### 2.子\n\n#### 3.子\n\n## 二、乙\n\n#### 4.子\n\n#### 5.子\n\n附件1\n\n## 一、附件的第一部分\n\n## 二、附件的第二部分\n'
    const { texts, messages } = await headings(md.replace(/####/g, '###'))
    expect(texts).toEqual(['一、甲', '1.子', '2.子', '3.子', '二、乙', '4.子', '5.子', '一、附件的第一部分', '二、附件的第二部分'])
    expect(messages.filter((m) => m.ruleId === 'EL-18')).toEqual([])
  })

  it('adds a missing number only where the run makes it certain, and never invents one for a run without numbers', async () => {
    const { texts, messages } = await headings('## 一、甲\n\n### 子一\n\n### 子二\n\n## 乙\n\n## 四、丁\n')
    // 乙 stands second, but 四、 is fourth: the gap cannot be filled for certain.
    expect(texts).toEqual(['一、甲', '子一', '子二', '乙', '四、丁'])
    expect(messages.filter((m) => m.ruleId === 'EL-18').map((m) => m.line)).toEqual([7, 9])
  })

  it('finds the number inside a bold heading from Word and does not number it twice (issue 17)', async () => {
    const { texts } = await headings('## **一、充分肯定成绩**\n\n## **二、明确目标**\n')
    expect(texts).toEqual(['一、充分肯定成绩', '二、明确目标'])
  })

  it('numbers an article with no typed number at all (a Markdown manuscript relying on the numbering)', async () => {
    expect((await headings('## 甲\n\n### 子\n\n## 乙\n')).texts).toEqual(['一、甲', '（一）子', '二、乙'])
  })

  it('keeps typed headings with numbering: keep, and removes numbers with numbering: none', async () => {
    const md = '## 坚持党的领导\n\n## 二、聚焦中心大局\n'
    expect((await headings(md, 'keep')).texts).toEqual(['坚持党的领导', '二、聚焦中心大局'])
    expect((await headings(md, 'none')).texts).toEqual(['坚持党的领导', '聚焦中心大局'])
  })

  it('records the fixes as edits on the source, and a second pass finds nothing to fix', async () => {
    const md = '# 题\n\n## 坚持\n\n## 二、聚焦\n\n## 二、加强\n\n### 1、子\n'
    const { file } = await headings(md, 'renumber')
    const fixed = applyEdits(md, file.data.edits ?? [])
    expect(fixed).toBe('# 题\n\n## 一、坚持\n\n## 二、聚焦\n\n## 三、加强\n\n### （一）子\n')
    const again = await headings(fixed, 'renumber')
    expect(again.file.data.edits ?? []).toEqual([])
  })

  it('does not renumber a heading to the number a numbered body paragraph just before it shows (issue 7)', async () => {
    const md = '## 一、回顾\n\n（一）产业发展迈出新步伐，全县新建高标准农田2.3万亩，\n\n### （二）农村改革持续深化\n\n### （三）乡村面貌改善\n'
    const { texts, messages } = await headings(md, 'renumber')
    expect(texts).toEqual(['一、回顾', '（二）农村改革持续深化', '（三）乡村面貌改善'])
    expect(messages.filter((m) => m.ruleId === 'EL-18')).toEqual([])
  })

  it('still renumbers a heading whose number a body paragraph does not explain', async () => {
    const { texts } = await headings('## 一、甲\n\n### （一）子一\n\n### （二）子二\n\n（一）正文，\n\n### （二）子三\n\n（五）正文，\n\n### （二）子四\n', 'renumber')
    expect(texts).toEqual(['一、甲', '（一）子一', '（二）子二', '（三）子三', '（四）子四'])
  })

  it('warns about a skipped level and a level-1 heading ending in 。', async () => {
    const { messages } = await headings('## 一、总体要求。\n\n#### 1.具体\n')
    expect(messages.map((m) => m.ruleId)).toContain('DT-4')
    expect(messages.map((m) => m.ruleId)).toContain('EL-2')
  })
})

describe('run-in headings (EL-17)', () => {
  it('gives the body of a run-in heading the heading\'s line, so messages about its text name the line', async () => {
    const file = new VFile({ path: 'a.md', value: '## 一、总\n\n#### 1.夯实基础。要把基层组织建强。\n' })
    const tree = await processArticle(file, 'art-1')
    const lines: (number | undefined)[] = []
    visit(tree, 'element', (node) => {
      if (String(node.properties.className ?? '').includes('run-in-body')) lines.push(node.position?.start.line)
    })
    expect(lines).toEqual([3])
  })

  it('runs a level-1 label in (一、元旦：1月1日放假……), and keeps a level-1 sentence on its own line (issue 17)', async () => {
    const file = new VFile({ path: 'a.md', value: '## 一、元旦：1月1日（周三）放假1天，不调休。\n\n## 二、春节：1月28日至2月4日放假调休，共8天。\n' })
    const html = JSON.stringify(await processArticle(file, 'art-1'))
    expect(file.data.outline!.headings.map((h) => h.text)).toEqual(['一、元旦：', '二、春节：'])
    expect(html).toContain('"run-in"')
    const sentence = new VFile({ path: 'b.md', value: '## 一、重点任务。今年要抓好三件事。\n' })
    expect(JSON.stringify(await processArticle(sentence, 'art-1'))).not.toContain('"run-in"')
  })

  it('keeps the sentence as the heading and the rest as body text of the same paragraph', async () => {
    const file = new VFile({ path: 'a.md', value: '## 一、总\n\n#### 1.夯实基础。要把基层组织建强。\n' })
    const tree = await processArticle(file, 'art-1')
    const html = JSON.stringify(tree)
    expect(file.data.outline!.headings[1]!.text).toBe('1.夯实基础。')
    expect(html).toContain('"run-in"')
    expect(html).toContain('要把基层组织建强。')
    expect(file.messages.map((m) => m.ruleId)).toContain('EL-17')
  })

  it('does not split a heading that ends with its only sentence mark', async () => {
    const file = new VFile({ path: 'a.md', value: '### （一）要旗帜鲜明讲政治。\n' })
    await processArticle(file, 'art-1')
    expect(file.messages.map((m) => m.ruleId)).not.toContain('EL-17')
  })
})
