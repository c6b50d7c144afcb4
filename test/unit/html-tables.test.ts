/** HTML tables in a manuscript (issue 19): merged cells kept, everything else of the HTML dropped. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml } from '../../src/pipeline/processor.ts'

async function typeset(body: string) {
  const file = new VFile({ path: '/m/a.md', value: `# 计划\n\n${body}\n` })
  const html = (await articleToHtml(file, 'a')).replace(/\n\s*/gu, '')
  return { html, messages: file.messages.map((m) => `${m.line ?? '-'}:${m.reason}`) }
}

describe('HTML tables in Markdown', () => {
  it('keeps rowspan and colspan, takes the first row and the rows it spans over as the header', async () => {
    const { html, messages } = await typeset(
      [
        '<table>',
        '<tr><td rowspan="2">省（市）</td><td rowspan="2">扩招</td><td colspan="2">分年度招生任务</td></tr>',
        '<tr><td>1996年</td><td>1997年</td></tr>',
        '<tr><td>江苏</td><td>100</td><td>120</td><td>140</td></tr>',
        '</table>',
      ].join('\n'),
    )
    expect(html).toContain(
      '<table><thead><tr><th rowspan="2">省（市）</th><th rowspan="2">扩招</th><th colspan="2">分年度招生任务</th></tr><tr><th>1996年</th><th>1997年</th></tr></thead>' +
        '<tbody><tr><td class="short">江苏</td><td class="short">100</td><td class="short">120</td><td class="short">140</td></tr></tbody></table>',
    )
    expect(messages).toEqual([])
  })

  it('keeps text, line breaks and bold in a cell; drops every other tag, attribute and script', async () => {
    const { html } = await typeset(
      '<table style="width:100%"><tr><th onclick="x()">科目</th><th>说明</th></tr>' +
        '<tr><td class="evil" rowspan="0" colspan="abc"><p>语言</p><p>与文学</p></td><td><b>必修</b><script>alert(1)</script><a href="javascript:x">链接</a><img src="x.png"></td></tr></table>',
    )
    expect(html).toContain('<tr><th>科目</th><th>说明</th></tr>')
    expect(html).toContain('<td class="short">语言<br>与文学</td><td class="short"><strong>必修</strong>链接</td>')
    expect(html).not.toMatch(/script|alert|onclick|style=|evil|img|href/u)
  })

  it('joins a table a blank line cut in two, and fixes its punctuation like any text, at its line', async () => {
    const { html, messages } = await typeset('<table>\n<tr><th>项目</th></tr>\n\n<tr><td>学习, 培训</td></tr>\n</table>\n\n表后文字。')
    expect(html).toContain('<tbody><tr><td class="short">学习，培训</td></tr></tbody></table><p>表后文字。</p>')
    expect(messages).toEqual(['6:半角逗号改为全角“，”', '6:删除中文之间的空格'])
  })

  it('keeps * before a title as the character typed (the note below the table refers to it)', async () => {
    const { html } = await typeset('<table><tr><th>科目</th><th>模块</th></tr><tr><td>语文</td><td>*《论语》选读、*《外国小说欣赏》</td></tr></table>')
    expect(html).toContain('<td>*《论语》选读、*《外国小说欣赏》</td>')
  })

  it('says so when a table has no cell', async () => {
    const { messages } = await typeset('<table><tr></tr></table>')
    expect(messages).toContain('3:这段 HTML 表格中没有一个单元格，已忽略')
  })
})
