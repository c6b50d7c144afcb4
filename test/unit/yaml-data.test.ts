import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ArticleMatterSchema, BookletConfigSchema } from '../../src/config/schema.ts'
import { parseYamlData, type DataResult } from '../../src/config/yaml-data.ts'
import { formatChineseDate } from '../../src/text/chinese-date.ts'

/** What every booklet.yaml gets for settings it leaves out (preset, numbering …). */
const DEFAULTS = v.parse(BookletConfigSchema, {})

/** The problems of a failed parse; fails the test if the parse succeeded. */
function problemsOf<T>(result: DataResult<T>) {
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`)
  return result.problems
}

describe('parseYamlData with BookletConfigSchema (booklet.yaml)', () => {
  it('defaults the preset to a5-booklet', () => {
    expect(DEFAULTS.preset).toBe('a5-booklet')
  })

  it('parses a valid booklet.yaml and fills in the default preset', () => {
    const text = [
      '# 汇编的基本信息',
      'title: 党务工作学习资料',
      'subtitle: 全县党务工作会议讲话',
      'publisher: 中共××县委办公室',
      'date: 2026-11',
      'notice: 内部资料　注意保存',
      'articles:',
      '  - 01-speech.md',
      '  - 02-notes.md',
      '',
    ].join('\n')
    expect(parseYamlData(text, BookletConfigSchema)).toEqual({
      ok: true,
      value: {
        title: '党务工作学习资料',
        subtitle: '全县党务工作会议讲话',
        publisher: '中共××县委办公室',
        date: '2026-11',
        notice: '内部资料　注意保存',
        ...DEFAULTS,
        articles: ['01-speech.md', '02-notes.md'],
      },
    })
  })

  it('keeps dates as strings (YAML 1.2 core schema, no timestamp type)', () => {
    expect(parseYamlData('date: 2026-11-05\n', BookletConfigSchema)).toEqual({
      ok: true,
      value: { date: '2026-11-05', ...DEFAULTS },
    })
  })

  it('accepts empty text: every setting is optional', () => {
    expect(parseYamlData('', BookletConfigSchema)).toEqual({ ok: true, value: DEFAULTS })
    expect(parseYamlData('# 只有注释\n', BookletConfigSchema)).toEqual({ ok: true, value: DEFAULTS })
  })

  it('reports an unknown key with its name and line', () => {
    const problems = problemsOf(parseYamlData('title: 学习\n\nauthor: 某人\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'author：不认识的设置项', line: 3, column: 1 }])
  })

  it('reports a wrong type (a list where text belongs) with its line', () => {
    const problems = problemsOf(parseYamlData('subtitle: 副题\ntitle: [甲, 乙]\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'title：应为文字', line: 2, column: 1 }])
  })

  it('rejects a date that does not exist (2026-13-45, 2026-02-30)', () => {
    for (const date of ['2026-13-45', '2026-02-30']) {
      expect(problemsOf(parseYamlData(`date: ${date}\n`, BookletConfigSchema))[0]?.message).toBe('date：没有这个日期（请检查月份和日子）')
    }
  })

  it('reads every value as the text typed: title: 2026 is the title "2026", date: 2026.10 is October', () => {
    expect(parseYamlData('title: 2026\ndate: 2026.10\n', BookletConfigSchema)).toMatchObject({
      ok: true,
      value: { title: '2026', date: '2026.10' },
    })
  })

  it('reports a bad entry inside the articles list at that entry', () => {
    const problems = problemsOf(parseYamlData('articles:\n  - a.md\n  - {b: 1}\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'articles.1：应为文字', line: 3, column: 5 }])
  })

  it('rejects an empty title, an empty articles list, an unknown preset and a malformed date', () => {
    expect(problemsOf(parseYamlData('title: "  "\n', BookletConfigSchema))[0]?.message).toBe('title：不能为空')
    expect(problemsOf(parseYamlData('articles: []\n', BookletConfigSchema))[0]?.message).toBe('articles：articles 不能为空列表')
    expect(problemsOf(parseYamlData('preset: b5\n', BookletConfigSchema))[0]?.message).toBe('preset：版式只能是 a5-booklet、gongwen-a4')
    expect(problemsOf(parseYamlData('date: 202611\n', BookletConfigSchema))[0]?.message).toBe(
      'date：日期应写成 2026-11 或 2026-11-05',
    )
  })

  it('reports an unclosed quote at the opening quote, not where the parser gave up', () => {
    const problems = problemsOf(parseYamlData('title: 学习\nsubtitle: "未闭合\nnotice: x\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'YAML 格式错误：括号或引号没有闭合，“"”缺少对应的“"”（MISSING_CHAR）', line: 2, column: 11 }])
    expect(problemsOf(parseYamlData("title: '学习\n", BookletConfigSchema))).toEqual([
      { message: "YAML 格式错误：括号或引号没有闭合，“'”缺少对应的“'”（MISSING_CHAR）", line: 1, column: 8 },
    ])
  })

  it('reports an unclosed [ or { at the bracket (not as bad indentation on the next line)', () => {
    const bracket = problemsOf(parseYamlData('title: x\nspeaker: [张三\n', ArticleMatterSchema, 1))
    expect(bracket).toEqual([{ message: 'YAML 格式错误：括号或引号没有闭合，“[”缺少对应的“]”（MISSING_CHAR）', line: 3, column: 10 }])
    expect(problemsOf(parseYamlData('title: x\nspeaker: [张三\nplace: y\n', ArticleMatterSchema))).toEqual([
      { message: 'YAML 格式错误：括号或引号没有闭合，“[”缺少对应的“]”（MISSING_CHAR）', line: 2, column: 10 },
    ])
    expect(problemsOf(parseYamlData('articles: {a: 1\n', BookletConfigSchema))[0]).toMatchObject({ message: expect.stringContaining('“{”缺少对应的“}”'), line: 1, column: 11 })
    // The inner one is what is left open; brackets inside a plain value open nothing.
    expect(problemsOf(parseYamlData('title: 第[1]号\narticles: [a.md, [b.md]\n', BookletConfigSchema))[0]).toMatchObject({ line: 2, column: 11 })
    expect(problemsOf(parseYamlData('articles: [a.md, "b.md]\n', BookletConfigSchema))).toEqual([
      { message: 'YAML 格式错误：括号或引号没有闭合，“"”缺少对应的“"”（MISSING_CHAR）', line: 1, column: 18 },
    ])
  })

  it('gives one message for one wrong value: date: 明天 is not also “no such date”', () => {
    expect(problemsOf(parseYamlData('date: 明天\n', BookletConfigSchema))).toEqual([{ message: 'date：日期应写成 2026-11 或 2026-11-05', line: 1, column: 1 }])
  })

  it('reports problems in line order, not in the order of the schema', () => {
    const problems = problemsOf(parseYamlData('title: x\ndate: 明天\nspeaker: ""\n', ArticleMatterSchema, 1))
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'date：日期应写成 2026-11 或 2026-11-05'],
      [4, 'speaker：不能为空'],
    ])
  })

  it('reports every unknown key at once, each at its line, among the other problems', () => {
    const problems = problemsOf(parseYamlData('title: 汇编\ntitel: x\nauthor: y\npreset: b5\nfoo: 1\n', BookletConfigSchema))
    expect(problems).toEqual([
      { message: 'titel：不认识的设置项', line: 2, column: 1 },
      { message: 'author：不认识的设置项', line: 3, column: 1 },
      { message: 'preset：版式只能是 a5-booklet、gongwen-a4', line: 4, column: 1 },
      { message: 'foo：不认识的设置项', line: 5, column: 1 },
    ])
  })

  it('reports a tab used as indentation', () => {
    const problems = problemsOf(parseYamlData('\ttitle: x\n', BookletConfigSchema))
    expect(problems[0]).toEqual({ message: 'YAML 格式错误：不能用 Tab 缩进，请改用空格（TAB_AS_INDENT）', line: 1, column: 1 })
  })

  it('reports a duplicate key at the second occurrence', () => {
    const problems = problemsOf(parseYamlData('title: 甲\nsubtitle: 乙\ntitle: 丙\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'YAML 格式错误：同一个设置项写了两次（DUPLICATE_KEY）', line: 3, column: 1 }])
  })

  it('rejects a document that is a list or a bare value, not a map', () => {
    expect(problemsOf(parseYamlData('- a\n- b\n', BookletConfigSchema))).toEqual([
      { message: '内容应为“名称: 值”形式的设置列表', line: 1, column: 1 },
    ])
    expect(problemsOf(parseYamlData('"just a string"\n', BookletConfigSchema))[0]?.message).toBe(
      '内容应为“名称: 值”形式的设置列表',
    )
  })

  it('says plainly that a full-width colon “：” must be a half-width colon and a space, at its line (issue 7)', () => {
    const colon = (key: string, value: string) =>
      `YAML 格式错误：“${key}”后面的冒号是全角的“：”，应改为半角冒号“:”并在后面加一个空格，写成“${key}: ${value}”`
    // Alone, the line reads as one long text; among other settings, as a key over several lines.
    expect(problemsOf(parseYamlData('title：党务工作学习资料\n', BookletConfigSchema))).toEqual([{ message: colon('title', '党务工作学习资料'), line: 1, column: 6 }])
    expect(problemsOf(parseYamlData('publisher: 县委办\ntitle：党务工作学习资料\ndate: 2026-11\n', BookletConfigSchema))).toEqual([
      { message: colon('title', '党务工作学习资料'), line: 2, column: 6 },
    ])
    expect(problemsOf(parseYamlData('title: 汇编\nsubtitle ：副题\n\narticles：\n  - a.md\n', BookletConfigSchema))).toEqual([
      { message: colon('subtitle', '副题'), line: 2, column: 10 },
      { message: colon('articles', ''), line: 4, column: 9 },
    ])
    // Other mistakes are still reported; a full-width colon inside a value is no mistake.
    expect(problemsOf(parseYamlData('title：汇编\nsubtitle: 附件：通知\nnotice: "未闭合\n', BookletConfigSchema))).toEqual([
      { message: colon('title', '汇编'), line: 1, column: 6 },
      { message: 'YAML 格式错误：括号或引号没有闭合，“"”缺少对应的“"”（MISSING_CHAR）', line: 3, column: 9 },
    ])
  })

  it('counts lines correctly with CRLF line endings', () => {
    expect(problemsOf(parseYamlData('title: 学习\r\nfoo: 1\r\n', BookletConfigSchema))).toEqual([
      { message: 'foo：不认识的设置项', line: 2, column: 1 },
    ])
  })
})

describe('parseYamlData runs no code from YAML tags', () => {
  it('reads !!js/function "…" as a plain string, never a function', () => {
    const result = parseYamlData('title: !!js/function "function(){ return 1 }"\n', BookletConfigSchema)
    expect(result).toEqual({ ok: true, value: { title: 'function(){ return 1 }', ...DEFAULTS } })
  })

  it('reads !!python/object:os.system "…" as a plain string', () => {
    const result = parseYamlData('title: !!python/object:os.system "rm -rf /"\n', BookletConfigSchema)
    expect(result).toEqual({ ok: true, value: { title: 'rm -rf /', ...DEFAULTS } })
  })

  it('reads !!python/object on a map as a plain map, which the schema then rejects', () => {
    const problems = problemsOf(parseYamlData('title: !!python/object:os.system {cmd: ls}\n', BookletConfigSchema))
    expect(problems).toEqual([{ message: 'title：应为文字', line: 1, column: 1 }])
  })

  it('does not turn !!binary or !!timestamp into Uint8Array or Date', () => {
    expect(problemsOf(parseYamlData('title: !!binary aGVsbG8=\n', BookletConfigSchema))[0]?.message).toBe('title：应为文字')
    expect(problemsOf(parseYamlData('date: !!timestamp 2026-11-05\n', BookletConfigSchema))[0]?.message).toBe(
      'date：日期应写成 2026-11 或 2026-11-05',
    )
  })

  it('returns problems (does not throw) for an alias bomb (billion laughs)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n')
    let result: DataResult<unknown> | undefined
    expect(() => {
      result = parseYamlData(bomb, BookletConfigSchema)
    }).not.toThrow()
    expect(result?.ok).toBe(false)
  })
})

describe('dates written as YAML numbers', () => {
  it('accepts an unquoted year (date: 2026)', () => {
    expect(parseYamlData('date: 2026\n', BookletConfigSchema)).toEqual({ ok: true, value: { date: '2026', ...DEFAULTS } })
  })

  it('does not read an unquoted "date: 2026.10" as January', () => {
    // YAML reads 2026.10 as the float 2026.1; String() of it loses the trailing zero.
    const result = parseYamlData('date: 2026.10\n', BookletConfigSchema)
    const shown = result.ok ? formatChineseDate(result.value.date ?? '') : 'rejected with a message'
    expect(shown).toMatch(/^(二〇二六年十月|rejected with a message)$/)
  })
})

describe('parseYamlData with ArticleMatterSchema (front matter) and lineOffset', () => {
  it('parses valid front matter', () => {
    expect(parseYamlData('title: 讲话\nspeaker: 张三\ndate: 2026-01-05\n', ArticleMatterSchema, 1)).toEqual({
      ok: true,
      value: { title: '讲话', speaker: '张三', date: '2026-01-05' },
    })
  })

  it('adds the offset to the line of an unknown key', () => {
    const text = 'title: 讲话\nsubtitle: 副题\nnotice: 内部\n'
    expect(problemsOf(parseYamlData(text, ArticleMatterSchema))).toEqual([
      { message: 'notice：不认识的前置信息项', line: 3, column: 1 },
    ])
    expect(problemsOf(parseYamlData(text, ArticleMatterSchema, 1))).toEqual([
      { message: 'notice：不认识的前置信息项', line: 4, column: 1 },
    ])
  })

  it('reports a full-width colon in front matter at its line in the file, without the parser’s code', () => {
    const problems = problemsOf(parseYamlData('title：在全县大会上的讲话\nspeaker: 张三\n', ArticleMatterSchema, 1))
    expect(problems).toEqual([{ message: expect.stringContaining('写成“title: 在全县大会上的讲话”'), line: 2, column: 6 }])
    expect(problems[0]!.message).not.toMatch(/MULTILINE_IMPLICIT_KEY|（[A-Z_]+）/u)
  })

  it('adds the offset to the line of a YAML syntax error', () => {
    const text = 'title: 讲话\ndate: 2026-01-05\ntitle: 又一个\n'
    expect(problemsOf(parseYamlData(text, ArticleMatterSchema, 10))[0]?.line).toBe(13)
  })
})

describe('booklet.yaml official: (issue 18)', () => {
  it('names a full-width colon under official, a plain value where settings belong, and an unknown key, each at its line', () => {
    expect(parseYamlData('preset: gongwen-a4\nofficial:\n  issuer：××县人民政府\n', BookletConfigSchema)).toMatchObject({ ok: false, problems: [{ line: 3, message: expect.stringContaining('“issuer”后面的冒号是全角的“：”') }] })
    expect(parseYamlData('official: ××县人民政府\n', BookletConfigSchema)).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('official 下应是几行“名称: 值”') }] })
    expect(parseYamlData('official:\n  issuer: ××县\n  printr: 办公室\n', BookletConfigSchema)).toMatchObject({ ok: false, problems: [{ line: 3, message: 'official.printr：不认识的公文设置项' }] })
  })
})
