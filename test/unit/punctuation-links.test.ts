/**
 * TP-1 in the pipeline next to links (typography.md §5.2 T-4): `booklet check --fix` must never change a URL,
 * a link, or the whitespace that ends a bare URL (a GFM autolink literal would swallow the text after it),
 * and each PN-2 edit says truthfully which space it removes.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyEdits } from '../../src/pipeline/fixes.ts'
import { articleToHtml, processArticle } from '../../src/pipeline/processor.ts'

async function check(value: string): Promise<{ file: VFile; fixed: string }> {
  const file = new VFile({ path: '/manuscript/fix.md', value })
  await processArticle(file, 'art-1')
  return { file, fixed: applyEdits(value, file.data.edits ?? []) }
}
/** The punctuation notes (not e.g. missing-title). */
const notes = (file: VFile) => file.messages.filter((m) => m.ruleId?.startsWith('PN-'))
const html = async (value: string): Promise<string> =>
  (await articleToHtml(new VFile({ path: '/manuscript/fix.md', value }), 'art-1')).replace(/<span class="(?:nobr|zh-dash)">([^<]*)<\/span>/g, '$1')

describe('punctuation fixes next to links', () => {
  const line = '网址 https://example.com/a,b 和小数 3.14 以及时间 10:30 不应改动。'

  it('keeps the space after a bare URL, in the output and in the --fix edits', async () => {
    const { file, fixed } = await check(`# 标题\n\n${line}\n`)
    expect(fixed).toBe('# 标题\n\n网址 https://example.com/a,b 和小数3.14以及时间10:30不应改动。\n')
    expect(await html(`# 标题\n\n${line}\n`)).toContain('<p>网址 <a href="https://example.com/a,b">https://example.com/a,b</a> 和小数3.14以及时间10:30不应改动。</p>')
    // the fixed text still links the URL alone
    expect(await html(fixed)).toContain('<a href="https://example.com/a,b">https://example.com/a,b</a> 和')
    expect((await check(fixed)).file.data.edits ?? []).toEqual([])
    expect(notes(file).map((m) => m.column)).toEqual([31, 36, 41, 47])
  })

  it('does not give a mid-line space the indentation message', async () => {
    const { file } = await check(`${line}\n`)
    expect(notes(file).map((m) => [m.ruleId, m.reason])).toEqual(Array(4).fill(['PN-2', '删除中文与西文、数字之间的空格']))
    const after = await check('见 **重点** 内容和 `npm` 安装\n')
    expect(notes(after.file).map((m) => m.reason)).not.toContain('删除段首的手工缩进空格')
  })

  it('keeps the indentation message for a real leading indent', async () => {
    // U+3000 is not Markdown indentation: the parser keeps it in the paragraph
    const { file, fixed } = await check('　　学习贯彻。\n')
    expect(notes(file).map((m) => [m.ruleId, m.reason, m.column])).toEqual([['PN-2', '删除段首的手工缩进空格', 1]])
    expect(fixed).toBe('学习贯彻。\n')
  })

  it('leaves a Markdown link untouched', async () => {
    const source = '见[文字, 说明](https://example.com/p?q=1,2 "标题, 说明")和内容。\n'
    const { file, fixed } = await check(source)
    expect(fixed).toBe(source)
    expect(file.data.edits ?? []).toEqual([])
    expect(await html(source)).toContain('<a href="https://example.com/p?q=1,2" title="标题, 说明">文字, 说明</a>')
  })

  it('keeps the spaces around www. and e-mail autolinks and a URL’s closing mark', async () => {
    const source = '请访问 www.gov.cn 查询或联系 a.b@c.cn 获取。\n\n详见 https://x.com/a, 然后再说。\n'
    const { fixed } = await check(source)
    expect(fixed).toBe(source)
  })
})

describe('a bare URL directly followed by Chinese (issue 7)', () => {
  const links = async (value: string): Promise<string[]> => [...(await html(value)).matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`)
  const pn = (file: VFile) => notes(file).map((m) => `${m.line}:${m.column} ${m.ruleId}`)

  it('ends the link before the Chinese and its half-width comma, which --fix makes full-width', async () => {
    const source = '# 标题\n\n详见 https://example.com/path?x=1&y=2,请大家登录查看。\n\n网址 www.example.gov.cn,都可以联系。\n'
    expect(await links(source)).toEqual(['https://example.com/path?x=1&#x26;y=2 https://example.com/path?x=1&#x26;y=2', 'http://www.example.gov.cn www.example.gov.cn'])
    const { file, fixed } = await check(source)
    expect(pn(file)).toEqual(['3:36 PN-3', '5:22 PN-3'])
    expect(fixed).toBe('# 标题\n\n详见 https://example.com/path?x=1&y=2，请大家登录查看。\n\n网址 www.example.gov.cn，都可以联系。\n')
    expect(await links(fixed)).toEqual(await links(source))
    expect((await check(fixed)).file.data.edits ?? []).toEqual([])
  })

  it('also after full-width punctuation, where remark-gfm finds the address only after parsing', async () => {
    const source = '网址：www.example.gov.cn,都可以联系.\n'
    expect(await links(source)).toEqual(['http://www.example.gov.cn www.example.gov.cn'])
    const { file, fixed } = await check(source)
    expect(pn(file)).toEqual(['1:22 PN-3', '1:28 PN-4'])
    expect(fixed).toBe('网址：www.example.gov.cn，都可以联系。\n')
  })

  it('leaves the sentence’s . ; : ! ? and full-width marks outside, and links a second address in them', async () => {
    const source = '见 www.a.cn.请看 https://b.cn/c?d=1!好 https://e.cn;再见https://f.cn（https://g.cn/h）。\n'
    expect(await links(source)).toEqual(['http://www.a.cn www.a.cn', 'https://b.cn/c?d=1 https://b.cn/c?d=1', 'https://e.cn https://e.cn', 'https://f.cn https://f.cn', 'https://g.cn/h https://g.cn/h'])
    expect((await check(source)).fixed).toBe('见 www.a.cn。请看 https://b.cn/c?d=1！好 https://e.cn；再见https://f.cn（https://g.cn/h）。\n')
  })

  it('reads the Markdown the address had swallowed up to the end of the line: code, emphasis, links, footnote marks', async () => {
    const source = '网址https://x.cn，运行`npm i`即可，**请于3月5日前**报送[表格](https://y.cn)[^1]。\n\n> 引用https://z.cn，*好*\n> 第二行。\n\n[^1]: 注\n'
    const page = await html(source)
    expect(page).toContain('<p>网址<a href="https://x.cn">https://x.cn</a>，运行<code>npm i</code>即可，<strong>请于3月5日前</strong>报送<a href="https://y.cn">表格</a><sup>')
    expect(page).toContain('<p>引用<a href="https://z.cn">https://z.cn</a>，<em>好</em>\n第二行。</p>')
    const { file, fixed } = await check(source)
    expect(fixed).toBe(source)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['missing-title'])
  })

  it('never cuts a link the author wrote, and does not link an address that is Chinese from its start', async () => {
    const source = '见[https://x.cn,好](https://x.cn,好)和<https://a.cn/路径>，以及https://中国.cn请看。\n'
    expect(await links(source)).toEqual(['https://x.cn,%E5%A5%BD https://x.cn,好', 'https://a.cn/%E8%B7%AF%E5%BE%84 https://a.cn/路径'])
    expect((await check(source)).fixed).toBe(source)
  })
})

describe('quotes around a link or emphasis pair across it', () => {
  const qa2 = (file: VFile) => file.messages.filter((m) => m.ruleId === 'QA-2').map((m) => `${m.line}:${m.column} ${m.reason}`)

  it('straight quotes become one “” pair, not “ “ or “ "', async () => {
    const source = '他说"网址https://x.cn"。他说"**重点**"。他说"[链接](https://y.cn)".\n'
    const { file, fixed } = await check(source)
    expect(fixed).toBe('他说“网址https://x.cn”。他说“**重点**”。他说“[链接](https://y.cn)”。\n')
    expect(qa2(file)).toEqual([])
    expect((await check(fixed)).file.data.edits ?? []).toEqual([])
  })

  it('QA-2 reads the whole paragraph: balanced quotes around a link are not reported, an open one still is', async () => {
    const { file } = await check('他说“https://x.cn”好。他说“**重点**”好，代码`"“`不算。\n\n他说：“**要落实**\n')
    expect(qa2(file)).toEqual(['3:4 双引号不配对：“ 没有对应的 ”'])
  })
})
