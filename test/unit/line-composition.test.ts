import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { wordSpans } from '../../src/pipeline/rehype/title-words.ts'
import { processArticle } from '../../src/pipeline/processor.ts'

async function html(markdown: string): Promise<{ html: string; tree: Root; file: VFile }> {
  const file = new VFile({ path: 'a.md', value: `# 题\n\n${markdown}` })
  const tree = await processArticle(file, 'art-1')
  return { html: unified().use(rehypeStringify).stringify(tree), tree, file }
}

const LONG = '各党务部门和广大党务工作者要坚持以党的旗帜为旗帜以党的方向为方向'

describe('break control (TP-2)', () => {
  it('wraps —— so it is never split and always 2 字', async () => {
    expect((await html('要落实——不得延误')).html).toContain('<span class="zh-dash">——</span>')
  })

  it('keeps a lone —, ～ and · with the character before them (no line starts with them)', async () => {
    const out = (await html('北京—上海，10～20人，马克思·恩格斯')).html
    expect(out).toContain('<span class="nobr">京—</span>')
    expect(out).toContain('<span class="nobr">0～</span>')
    expect(out).toContain('<span class="nobr">思<span class="zh-ip">·</span>恩</span>')
  })

  it('lets a line break before an opening and after a closing quote next to Han text (LB19a)', async () => {
    expect((await html('围绕“X”和“X”的目标，“慢”')).html).toContain('围绕<wbr>“X”和<wbr>“X”的目标<span class="pc-end">，</span><span class="pc-start">“</span>慢”')
  })

  it('adds no character to the text: what is printed is what was written', async () => {
    const text = '北京—上海，10～20人，马克思·恩格斯，要落实——不得延误，围绕“X”的目标。'
    const { tree } = await html(`${LONG}${text}`)
    const body = (tree.children[0] as Element).children[1]!
    expect(toString(body)).toBe(`${LONG}${text}`)
  })
})

describe('last line of a paragraph (LC-10, TP-5)', () => {
  it('keeps the last two characters and the final mark together before a footnote mark', async () => {
    expect((await html(`${LONG}九十。[^1]\n\n[^1]: 注。`)).html).toMatch(/<span class="nobr">九十。<\/span><sup>/)
  })

  it('leaves other paragraph ends to text-wrap: pretty', async () => {
    expect((await html(`${LONG}九十。`)).html).toContain('九十。</p>')
    expect((await html(`${LONG}九十。`)).html).not.toContain('nobr')
  })

  it('leaves short paragraphs alone', async () => {
    expect((await html('正文。')).html).toContain('<p>正文。</p>')
  })
})

describe('titles (TP-6)', () => {
  it('keeps the words of a title whole', () => {
    const spans = wordSpans('关于进一步加强新时代基层党组织建设的若干意见')
    const words = spans.filter((n): n is Element => n.type === 'element').map((n) => toString(n))
    expect(words).toContain('新时代')
    expect(words).toContain('进一步')
  })

  it('wraps the article title in word spans', async () => {
    const { html: out } = await html('正文')
    expect(out).toMatch(/<h1 class="article-title" id="art-1">题<\/h1>|<span class="w">/)
  })
})

describe('compression fallback (TP-3)', () => {
  it('marks each mark of an adjacent pair, and nothing else', async () => {
    const out = (await html('他说：“好。”然后（注），走了。')).html
    expect(out).toContain('<span class="pc-end">：</span><span class="pc-start">“</span>好<span class="pc-end">。</span>”')
    expect(out).toContain('<span class="pc-end">）</span>，走了。')
  })
})

describe('raw HTML', () => {
  it('drops inline <script> with its content and says that HTML is ignored', async () => {
    const { html: out, file } = await html('正文<script>alert(1)</script>继续。')
    expect(out).not.toContain('alert')
    expect(out).toContain('正文继续。')
    expect(file.messages.map((m) => m.ruleId)).toContain('raw-html')
  })
})

describe('着重号 (LC-15)', () => {
  it('turns ==…== into <em class="zd">, leaving ** and * alone', async () => {
    const out = (await html('要==牢记使命==，**加粗**，*楷体*')).html
    expect(out).toContain('<em class="zd">牢记使命</em>')
    expect(out).toContain('<strong>加粗</strong>')
    expect(out).toContain('<em>楷体</em>')
  })

  it('does not touch == inside code', async () => {
    expect((await html('`a == b` 比较')).html).toContain('<code>a == b</code>')
  })
})
