import type { Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml, processArticle } from '../../src/pipeline/processor.ts'
import { byClass, byTag, classesOf, findAll } from './hast-query.ts'

const toString = hastToString

function article(value: string, path = '/manuscript/speech.md'): VFile {
  return new VFile({ path, value })
}

async function run(value: string, id = 'art-1', path?: string): Promise<{ file: VFile; tree: Root; html: string }> {
  const file = article(value, path)
  const tree = await processArticle(file, id)
  // Without the nowrap spans that only steer line breaks (TP-2, TP-5).
  const html = (await articleToHtml(article(value, path), id)).replace(/<span class="(?:nobr|zh-dash)">([^<]*)<\/span>/g, '$1')
  return { file, tree, html }
}

const rules = (file: VFile) => file.messages.map((m) => m.ruleId)

describe('front matter', () => {
  it('is read into file.data.matter and shown in the article header', async () => {
    const { file, tree } = await run('---\ntitle: 讲话\nsubtitle: 在全县会议上\nspeaker: 张三\ndate: 2026-01-05\nsource: 县委办\n---\n\n正文。\n')
    expect(file.data.matter).toEqual({ title: '讲话', subtitle: '在全县会议上', speaker: '张三', date: '2026-01-05', source: '县委办' })
    expect(file.messages).toEqual([])
    const header = findAll(tree, byClass('article-header'))[0]!
    expect(toString(findAll(header, byClass('article-title'))[0]!)).toBe('讲话')
    expect(toString(findAll(header, byClass('article-subtitle'))[0]!)).toBe('——在全县会议上')
    expect(toString(findAll(header, byClass('article-speaker'))[0]!)).toBe('张三')
    expect(toString(findAll(header, byClass('article-date'))[0]!)).toBe('（2026年1月5日）')
    expect(toString(findAll(header, byClass('article-source'))[0]!)).toBe('来源：县委办')
  })

  it('is removed from the body (no YAML text in the output)', async () => {
    const { html } = await run('---\ntitle: 讲话\n---\n\n正文。\n')
    expect(html).not.toContain('title:')
    expect(html).toContain('<p>正文。</p>')
  })

  it('is empty when the article has none', async () => {
    const { file } = await run('# 标题\n\n正文。\n')
    expect(file.data.matter).toEqual({})
  })

  it('reads a !!js/function tag as plain text, running nothing', async () => {
    const { file } = await run('---\ntitle: !!js/function "function(){ return 1 }"\n---\n\n正文。\n')
    expect(file.data.matter).toEqual({ title: 'function(){ return 1 }' })
    expect(file.data.title).toBe('function(){ return 1 }')
  })

  it('with invalid YAML gives a fatal message at the right line of the .md file', async () => {
    // Line 1 is `---`; YAML line 2 (`foo: [`) is line 3 of the file.
    const { file } = await run('---\ntitle: 好\nfoo: [\n---\n\n# 好\n')
    const fatal = file.messages.filter((m) => m.fatal === true)
    expect(fatal).toHaveLength(1)
    expect(fatal[0]!.line).toBe(3)
    expect(fatal[0]!.ruleId).toBe('front-matter')
    expect(fatal[0]!.source).toBe('booklet')
    expect(fatal[0]!.reason).toMatch(/^前置信息（文件开头 --- 之间）有误：YAML 格式错误/)
  })

  it('left open (no closing ---) is an error at line 1, and its lines are not body text', async () => {
    const { file, html } = await run('---\ntitle: 测试\nspeaker: 张三\n\n正文第一段。\n')
    expect(file.messages.map((m) => [m.fatal, m.line, m.column, m.ruleId])).toEqual([[true, 1, 1, 'front-matter']])
    expect(file.messages[0]!.reason).toBe(
      '前置信息（文件开头 --- 之间）从第 1 行开始，但没有结束的 --- 行：请在第 3 行后面加一行 ---；如果第 1 行的 --- 是分隔线，请在它下面空一行',
    )
    expect(file.data.edits ?? []).toEqual([])
    expect(html).not.toContain('测试')
    expect(html).toContain('<p>正文第一段。</p>')
  })

  it('is not guessed where a file opens with a thematic break and ordinary paragraphs', async () => {
    for (const text of ['---\n\ntitle: 测试\n', '---\n正文第一段。\n\n第二段。\n', '---\nNote: 这是说明\n正文第一段，没有冒号。\n', '---\n\n正文。\n']) {
      const { file } = await run(text)
      expect(file.messages.filter((m) => m.ruleId === 'front-matter')).toEqual([])
    }
  })

  it('gives one message per wrong value, in line order', async () => {
    const { file } = await run('---\ntitle: x\ndate: 明天\nspeaker: ""\n---\n\n正文。\n')
    expect(file.messages.filter((m) => m.fatal).map((m) => [m.line, m.reason])).toEqual([
      [3, '前置信息（文件开头 --- 之间）有误：date：日期应写成 2026-11 或 2026-11-05'],
      [4, '前置信息（文件开头 --- 之间）有误：speaker：不能为空'],
    ])
  })

  it('with an unclosed [ points at the bracket', async () => {
    const { file } = await run('---\ntitle: x\nspeaker: [张三\n---\n\n正文。\n')
    expect(file.messages.filter((m) => m.fatal).map((m) => [m.line, m.column, m.reason])).toEqual([
      [3, 10, '前置信息（文件开头 --- 之间）有误：YAML 格式错误：括号或引号没有闭合，“[”缺少对应的“]”（MISSING_CHAR）'],
    ])
  })

  it('with an unknown key gives a fatal message naming the key at its line', async () => {
    const { file } = await run('---\ntitle: 好\nwho: 某\n---\n\n# 好\n\n正文\n')
    expect(file.messages).toHaveLength(1)
    const [message] = file.messages
    expect(message!.fatal).toBe(true)
    expect(message!.line).toBe(3)
    expect(message!.column).toBe(1)
    expect(message!.reason).toContain('who：不认识的前置信息项')
  })

  it('with a wrong type gives a fatal message at that line', async () => {
    const { file } = await run('---\nspeaker: 张三\ntitle:\n  - 甲\n---\n\n正文\n')
    expect(file.messages.filter((m) => m.fatal).map((m) => [m.fatal, m.line, m.reason])).toEqual([
      [true, 3, '前置信息（文件开头 --- 之间）有误：title：应为文字'],
    ])
  })
})

describe('article title', () => {
  it('comes from the # heading, which is removed from the body', async () => {
    const { file, tree } = await run('# 在全县党务工作会议上的讲话\n\n正文。\n')
    expect(file.data.title).toBe('在全县党务工作会议上的讲话')
    expect(findAll(tree, byTag('h1'))).toHaveLength(1)
    expect(classesOf(findAll(tree, byTag('h1'))[0]!)).toEqual(['article-title'])
    const body = findAll(tree, byClass('article-body'))[0]!
    expect(toString(body)).not.toContain('在全县党务工作会议上的讲话')
    expect(file.messages).toEqual([])
  })

  it('comes from front matter when there is no # heading', async () => {
    const { file } = await run('---\ntitle: 讲话\n---\n\n正文。\n')
    expect(file.data.title).toBe('讲话')
    expect(file.messages).toEqual([])
  })

  it('prefers front matter and warns when the # heading differs', async () => {
    const { file, tree } = await run('---\ntitle: 讲话\n---\n\n# 另一个标题\n\n正文。\n')
    expect(file.data.title).toBe('讲话')
    expect(toString(findAll(tree, byTag('h1'))[0]!)).toBe('讲话')
    expect(toString(tree)).not.toContain('另一个标题')
    expect(file.messages).toHaveLength(1)
    const [warning] = file.messages
    expect(warning!.ruleId).toBe('title-mismatch')
    expect(warning!.fatal).toBe(false)
    expect(warning!.line).toBe(5)
    expect(warning!.reason).toContain('讲话')
    expect(warning!.reason).toContain('另一个标题')
  })

  it('gives no warning when front matter and # heading agree', async () => {
    const { file } = await run('---\ntitle: 讲话\n---\n\n# 讲话\n')
    expect(file.messages).toEqual([])
  })

  it('falls back to the file name with a missing-title warning', async () => {
    const { file, tree } = await run('正文。\n', 'art-1', '/manuscript/03-notes.md')
    expect(file.data.title).toBe('03-notes')
    expect(toString(findAll(tree, byTag('h1'))[0]!)).toBe('03-notes')
    expect(file.messages.map((m) => [m.ruleId, m.fatal, m.line])).toEqual([['missing-title', false, 1]])
  })

  it('warns about a second # heading and treats it as ##', async () => {
    const { file, tree } = await run('# 标题\n\n正文。\n\n# 第二个一级\n\n文字。\n')
    expect(file.data.title).toBe('标题')
    const warnings = file.messages.filter((m) => m.ruleId === 'single-title')
    expect(warnings.map((m) => [m.fatal, m.line])).toEqual([[false, 5]])
    const h2 = findAll(tree, byTag('h2'))
    expect(h2).toHaveLength(1)
    expect(h2[0]!.properties.id).toBe('art-1-1')
    expect(toString(h2[0]!)).toContain('第二个一级')
  })
})

describe('sections and outline', () => {
  const md = [
    '# 讲话', //                1
    '',
    '开场白。', //              3
    '',
    '## 一、甲', //             5
    '',
    '### （一）子', //          7
    '',
    '## 二、乙', //             9
    '',
    '### （一）丙', //          11
    '',
    '#### 1.丁', //            13
    '',
    '### （二）戊', //          15
    '',
  ].join('\n')

  it('gives every heading a positional id and a level class', async () => {
    const { tree } = await run(md, 'art-2')
    const headings = findAll(tree, (n) => /^h[2-6]$/.test(n.tagName))
    expect(headings.map((h) => [h.tagName, h.properties.id, classesOf(h)[0]])).toEqual([
      ['h2', 'art-2-1', 'heading-1'],
      ['h3', 'art-2-1-1', 'heading-2'],
      ['h2', 'art-2-2', 'heading-1'],
      ['h3', 'art-2-2-1', 'heading-2'],
      ['h4', 'art-2-2-1-1', 'heading-3'],
      ['h3', 'art-2-2-2', 'heading-2'],
    ])
  })

  it('nests <section>s by heading level', async () => {
    const { tree } = await run(md, 'art-2')
    const body = findAll(tree, byClass('article-body'))[0]!
    const top = body.children.filter((n) => n.type === 'element')
    expect(top.map((n) => (n.type === 'element' ? [n.tagName, classesOf(n)[0]] : []))).toEqual([
      ['p', undefined],
      ['section', 'level-1'],
      ['section', 'level-1'],
    ])
    const second = top[2]!
    expect(second.type === 'element' && second.children[0]?.type === 'element' && second.children[0].properties.id).toBe('art-2-2')
    const inner = findAll(second as never, byClass('level-2'))
    expect(inner.map((s) => findAll(s, (n) => /^h\d$/.test(n.tagName))[0]!.properties.id)).toEqual(['art-2-2-1', 'art-2-2-2'])
    const deepest = findAll(inner[0]!, byClass('level-3'))
    expect(deepest).toHaveLength(1)
    expect(toString(deepest[0]!)).toContain('1.丁')
    // （二）戊 is not inside （一）丙
    expect(toString(inner[0]!)).not.toContain('（二）戊')
  })

  it('collects the outline with levels, text and source lines', async () => {
    const { file } = await run(md, 'art-2')
    expect(file.data.outline).toEqual({
      id: 'art-2',
      title: '讲话',
      headings: [
        { id: 'art-2-1', level: 1, text: '一、甲', line: 5 },
        { id: 'art-2-1-1', level: 2, text: '（一）子', line: 7 },
        { id: 'art-2-2', level: 1, text: '二、乙', line: 9 },
        { id: 'art-2-2-1', level: 2, text: '（一）丙', line: 11 },
        { id: 'art-2-2-1-1', level: 3, text: '1.丁', line: 13 },
        { id: 'art-2-2-2', level: 2, text: '（二）戊', line: 15 },
      ],
    })
  })

  it('wraps the article in <article data-article=id> with the title as h1#id', async () => {
    const { tree } = await run(md, 'art-2')
    expect(tree.children).toHaveLength(1)
    const root = tree.children[0]!
    expect(root.type === 'element' && root.tagName).toBe('article')
    expect(root.type === 'element' && root.properties.dataArticle).toBe('art-2')
    expect(findAll(tree, byTag('h1'))[0]!.properties.id).toBe('art-2')
  })
})

describe('footnotes', () => {
  const md = '# 讲话\n\n正文。[^1]\n\n[^1]: 注文。\n'

  it('prefixes footnote ids with the article id and labels them 注释', async () => {
    const { html } = await run(md, 'art-3')
    expect(html).toContain('href="#art-3-fn-1"')
    expect(html).toContain('id="art-3-fnref-1"')
    expect(html).toContain('<li id="art-3-fn-1">')
    expect(html).toContain('href="#art-3-fnref-1"')
    expect(html).toContain('<p class="footnotes-label" id="art-3-footnote-label">注释</p>')
    expect(html).toContain('aria-describedby="art-3-footnote-label"')
    expect(html).not.toContain('id="footnote-label"')
  })

  it('puts the footnotes after all sections, not inside the last one', async () => {
    const { tree } = await run('# 讲话\n\n## 一、甲\n\n正文。[^1]\n\n[^1]: 注文。\n', 'art-3')
    const body = findAll(tree, byClass('article-body'))[0]!
    const last = body.children.filter((n) => n.type === 'element').at(-1)!
    expect(last.type === 'element' && classesOf(last)).toContain('footnotes')
    expect(findAll(findAll(tree, byClass('level-1'))[0]!, byClass('footnotes'))).toEqual([])
  })

  it('gives two articles different footnote ids', async () => {
    const one = await articleToHtml(article(md), 'art-1')
    const two = await articleToHtml(article(md), 'art-2')
    expect(one).toContain('id="art-1-fn-1"')
    expect(two).toContain('id="art-2-fn-1"')
    expect(two).not.toContain('art-1-')
  })
})

describe('Markdown features and safety', () => {
  it('drops raw HTML: block <script>, inline tags and attributes never reach the output', async () => {
    const { html } = await run(
      '# 讲话\n\n<script>alert(1)</script>\n\n<div onclick="x()">块</div>\n\n一段<span style="color:red">内联</span>文字<img src=x onerror=alert(1)>。\n',
    )
    expect(html).not.toMatch(/<script|alert|onclick|onerror|<span(?! class="w")|<img|<div onclick/)
    expect(html).toContain('<p>一段内联文字。</p>')
  })

  it('turns <br> in a table cell or paragraph into a line break, keeping none of its attributes', async () => {
    const { html, file } = await run('# 讲话\n\n| 项目 | 内容 |\n|---|---|\n| 甲 | 一<br>二<BR/>三<br onclick="x()" class="y">四 |\n\n正文<br />第二行\n')
    expect(html).toContain('<td class="short">一<br>\n二<br>\n三<br>\n四</td>')
    expect(html).toContain('<p class="has-break">正文<br>\n第二行</p>')
    expect(html).not.toMatch(/onclick|class="y"/)
    expect(file.messages).toEqual([])
  })

  it('drops <br> alone at block level, as other HTML', async () => {
    const { html, file } = await run('# 讲话\n\n正文。\n\n<br>\n\n正文。\n')
    expect(html).not.toContain('<br')
    expect(rules(file)).toEqual(['raw-html'])
  })

  it('says once per file that HTML is ignored, with the count and the lines', async () => {
    const cell = Array.from({ length: 180 }, (_, i) => `<span>第${i + 1}项</span>`).join('')
    const { file } = await run(`# 讲话\n\n正文<b>一</b>。\n\n| 项目 | 内容 |\n|---|---|\n| 甲 | ${cell} |\n${[8, 9, 10, 11].map((n) => `| ${n} | <i>x</i> |`).join('\n')}\n`)
    expect(file.messages.map((m) => [m.line, m.column, m.reason])).toEqual([[3, 3, '稿件中的 HTML 代码不会排入小册子，已忽略（共 370 处，在第 3、7、8、9、10 行等）']])
    const one = await run('# 讲话\n\n正文<b>一</b>。\n')
    expect(one.file.messages.map((m) => [m.line, m.reason])).toEqual([[3, '稿件中的 HTML 代码不会排入小册子，已忽略（共 2 处，在第 3 行）']])
    const single = await run('# 讲话\n\n<div>一</div>\n')
    expect(single.file.messages.map((m) => m.reason)).toEqual(['稿件中的 HTML 代码不会排入小册子，已忽略'])
  })

  it('turns a GFM table into <table>', async () => {
    const { html } = await run('# 讲话\n\n| 项目 | 数量 |\n|---|---|\n| 甲 | 1 |\n')
    expect(html).toContain('<table>')
    expect(html).toContain('<th>项目</th>')
    // A short cell stays on one line (issue 19: no column one character wide); a long one may wrap.
    expect(html).toContain('<td class="short">甲</td>')
    const { html: long } = await run('# 讲话\n\n| 项目 | 说明 |\n|---|---|\n| 甲 | 不少于2学分，由学校根据实际情况开设 |\n')
    expect(long).toContain('<td>不少于2学分，由学校根据实际情况开设</td>')
  })

  it('marks a table row with a cell of more than 300 characters as one that may be split over pages', async () => {
    const { tree } = await run(`# 讲话\n\n| 序号 | 内容 |\n|---|---|\n| 1 | ${'长'.repeat(301)} |\n| 2 | ${'短'.repeat(300)} |\n`)
    expect(findAll(tree, byTag('tr')).map((row) => classesOf(row).includes('may-split'))).toEqual([false, true, false])
  })

  it('closes **强调。** before a Chinese character (remark-cjk-friendly)', async () => {
    const { html } = await run('# 讲话\n\n**强调。**好\n')
    expect(html).toContain('<p><strong>强调。</strong>好</p>')
  })

  it('keeps the text of the article intact', async () => {
    const { tree } = await run('# 讲话\n\n今天，县委召开全县党务工作会议。\n')
    expect(toString(tree)).toContain('今天，县委召开全县党务工作会议。')
  })
})

describe('indented paragraphs (pasted from Word, 首行缩进 by hand)', () => {
  it('makes a paragraph of a line indented by four spaces or a tab, not a code block', async () => {
    const { tree } = await run('# 题\n\n第一段。\n\n    四个空格开头的段落。\n\n\t制表符开头的段落。\n\n```\n围栏代码块仍是代码。\n```\n')
    expect(findAll(tree, byTag('p')).map((p) => toString(p))).toEqual(['第一段。', '四个空格开头的段落。', '制表符开头的段落。'])
    expect(findAll(tree, byTag('pre')).map((p) => toString(p))).toEqual(['围栏代码块仍是代码。\n'])
  })
})
