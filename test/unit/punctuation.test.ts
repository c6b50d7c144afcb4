import { describe, expect, it } from 'vitest'
import { lintPunctuation, normalizePunctuation, quotesOpenAfter, type PunctuationChange } from '../../src/text/punctuation.ts'

/** Applies reported changes to the original, from the end backwards. */
function applyChanges(source: string, changes: PunctuationChange[]): string {
  return [...changes]
    .sort((a, b) => b.offset - a.offset)
    .reduce((text, c) => {
      expect(text.slice(c.offset, c.offset + c.length)).toBe(c.from)
      return text.slice(0, c.offset) + c.to + text.slice(c.offset + c.length)
    }, source)
}

const hasRule = (changes: PunctuationChange[], rule: string): boolean => changes.some((c) => c.rule.split('+').includes(rule))

// §5.1: every PN row, the spec's examples (input → output).
const POSITIVE: [rule: string, input: string, output: string][] = [
  ['PN-1', '２０２６年ＧＤＰ', '2026年GDP'],
  ['PN-2', '　　学习 贯彻 2026 年会议', '学习贯彻2026年会议'],
  ['PN-2', '学习\u200b贯彻\ufeff2026\u2060年会议', '学习贯彻2026年会议'],
  ['PN-3', '我们要学习,贯彻;落实!', '我们要学习，贯彻；落实！'],
  ['PN-3', '怎么办?!', '怎么办？！'],
  ['PN-4', '全面推进.下一步', '全面推进。下一步'],
  ['PN-4', '电话：0913-1234567.', '电话：0913-1234567。'],
  ['PN-4', '共有党员120名，其中女党员35.', '共有党员120名，其中女党员35。'],
  ['PN-4', '他说“共35.”', '他说“共35。”'],
  ['PN-5', '会议(扩大)召开', '会议（扩大）召开'],
  ['PN-5', '(1)加强', '（1）加强'],
  ['PN-5', '国内生产总值(GDP)增长', '国内生产总值（GDP）增长'],
  ['PN-6', '他说"要落实"', '他说“要落实”'],
  ['PN-6', '他说\'好\'', '他说‘好’'],
  ['PN-6', '他说："Yes, we can"。', '他说：“Yes, we can”。'],
  ['PN-7', '「两个确立」', '“两个确立”'],
  ['PN-7', '「坚持『两个维护』不动摇」', '“坚持‘两个维护’不动摇”'],
  ['PN-8', '“坚持“两个维护”不动摇”', '“坚持‘两个维护’不动摇”'],
  ['PN-9', '等待...', '等待……'],
  ['PN-9', '努力…', '努力……'],
  ['PN-9', '等等......还有。。。以及⋯⋯', '等等……还有……以及……'],
  ['PN-10', '学习――贯彻', '学习——贯彻'],
  ['PN-10', '目标--实现', '目标——实现'],
  ['PN-10', '目标—―实现', '目标——实现'],
  ['PN-11', '卡尔•马克思', '卡尔·马克思'],
  ['PN-11', '《淮南子．本经训》', '《淮南子·本经训》'],
  ['PN-11', '《淮南子.本经训》', '《淮南子·本经训》'],
  ['PN-12', '10~20人', '10～20人'],
  ['PN-12', '5-10亿元', '5～10亿元'],
  ['PN-13', '2021-2025年', '2021—2025年'],
  ['PN-13', '1949——2049年', '1949—2049年'],
  ['PN-13', '3月5日-10日', '3月5日—10日'],
  ['PN-13', '2025-2026学年', '2025—2026学年'],
  ['PN-12', '1000-2000人', '1000～2000人'],
  ['PN-14', '1、加强', '1.加强'],
  ['PN-14', '（一）、总体要求', '（一）总体要求'],
  ['PN-14', '一.总体', '一、总体'],
  ['PN-14', '第一、要', '第一，要'],
  ['PN-15', '《关于〈决定〉《说明》的通知》', '《关于〈决定〉〈说明〉的通知》'],
  ['PN-16', '落实，，推进。。', '落实，推进。'],
  ['PN-16', '真的吗？？？？', '真的吗？？？'],
  ['PN-17', '上午9：30', '上午9:30'],
  ['PN-18', '二○二六年', '二〇二六年'],
  ['PN-18', '二零二六年', '二〇二六年'],
  ['PN-18', '二0二六年', '二〇二六年'],
  ['PN-19', '2026年01月05日', '2026年1月5日'],
  ['PN-20', '国办发[2026]3号', '国办发〔2026〕3号'],
  ['PN-20', '国办发（2026）3号', '国办发〔2026〕3号'],
]

// §5.2: every T row, each example kept as is (in a Chinese sentence where that makes sense).
const NEGATIVE: [row: string, input: string][] = [
  ['T-1', '圆周率约为3.14'],
  ['T-1', '要做到：1.加强学习；2.改进作风'],
  ['T-1', 'Windows 10.'],
  ['T-1', '占比0.5%'],
  ['T-1', '升级到v2.1.3版本'],
  ['T-1', '见第1.2.3节'],
  ['T-1', 'GDP增长5.2%'],
  ['T-1', 'GDP增长5.2%，达到3.14亿元'],
  ['T-2', '共1,000,000人'],
  ['T-2', '约2 000人'],
  ['T-3', '上午10:30开会'],
  ['T-3', '比例尺1∶500'],
  ['T-3', '比例尺1:500'],
  ['T-3', '比分3:1'],
  ['T-4', '详见https://www.gov.cn/zhengce/。'],
  ['T-4', '请发邮件至a.b@c.cn。'],
  ['T-4', '文件在C:\\data\\a.txt中'],
  ['T-5', 'a, b = 1, 2'],
  ['T-6', 'He said, "Yes."'],
  ['T-6', '他引用了He said, "Yes."这句话'],
  ['T-6', '美国（U.S.）'],
  ['T-6', '例如e.g.这种写法'],
  ['T-6', 'No. 1文件'],
  ['T-6', '获得Ph.D.学位'],
  ['T-7', '按照GB/T 9704—2012执行'],
  ['T-7', '参照GB/T 15834-2011标准'],
  ['T-8', '日期2026-11-05'],
  ['T-8', '电话010-12345678'],
  ['T-8', '邮编100871'],
  ['T-9', 'COVID-19疫情'],
  ['T-9', 'Wi-Fi网络'],
  ['T-9', '5G网络'],
  ['T-9', '碳-14测年'],
  ['T-9', '3-戊酮'],
  ...['一方面', '三五天', '七八十人', '十四五', '二十大', '第一书记', '五四运动', '“一二·九”运动', '“9·11”', '“一带一路”', '两个确立', '四个意识'].map(
    (x): [string, string] => ['T-10', `坚持${x}`],
  ),
  ['T-10', '一百零五年'],
  ['T-11', '三五天'],
  ['T-12', '“第一段内容。'],
  ['T-13', '学习Node.js框架'],
  ['T-13', 'C++语言'],
  ['T-13', 'C#语言'],
  ['T-13', 'ASP.NET框架'],
  ['T-13', 'Yahoo!公司'],
  ['T-14', '北京—上海'],
  ['T-14', '1949—2049年'],
  ['T-15', '函数f(x)的值'],
  ['T-15', '计算(a+b)²的值'],
  ['T-15', 'Windows(R)系统'],
  ['T-16', '××同志'],
  ['T-16', 'XX县'],
  ['T-16', '〔×〕'],
  ['T-17', "don't"],
  ['T-17', "China's"],
  ['T-17', "学习China's经验"],
  ['T-18', '据统计[1]，'],
  ['T-18', '【新华社】'],
  ['T-19', 'E.F.舒马赫'],
  ['T-20', '……'],
  ['T-20', '——'],
  ['T-20', '他说：“‘两个确立’很重要。”'],
  ['T-20', '国办发〔2026〕3号'],
  ['T-20', '落实、推进……'],
  ['T-21', '一、总体要求'],
  // not a T row, but correct text that must not change
  ['ok', '1、2、3号楼'],
  ['ok', '第二十条　本办法自发布之日起施行。'],
  ['ok', '时间：2026年1月—3月；地点：北京—上海。'],
  ['ok', '这是iPhone 15 Pro的新功能。'],
  ['ok', 'H7N9禽流感、PM2.5浓度'],
  ['ok', '《关于〈中共中央关于全面深化改革若干重大问题的决定〉的说明》'],
  ['ok', '第一，要提高认识；第二，要狠抓落实。'],
  ['ok', '请登录www.12371.cn学习。'],
  ['ok', '联系电话：0951-1234567。'],
  ['ok', '坚持党委（党组）中心组“4+X”学习模式'],
]

const EXTRA = [
  '２０２６年０１月０５日', // PN-1 then PN-19 on the same characters
  '他说 , "要落实"。',
  '(1).加强',
  '一,总体',
  '　　学习 He said, "Yes." 这句话',
  '访问https://example.com/a?b=1,c=2,然后',
  '“坚持“两个维护”不动摇”，“落实“一带一路”倡议”',
  '学习𠀀 贯彻',
  '他说:"我们要落实,贯彻."然后离开了.',
  '（1）、加强组织领导;（2）.完善制度',
  '温度在-5~10℃之间',
  '10 ~ 20人',
  '国发〔二○○九〕3号',
  '"要落实，"他说，"要推进。"',
  '他说 "Hello world" 然后走了',
  '阅读《资本论》,《共产党宣言》等著作……等等',
  '第一、第二批试点单位',
  '使用Python, Java和C++开发,版本v3.12.',
  '9:00-17:00开放',
  'Chapter 1. Introduction',
  '学习\n贯彻,落实',
]

// Whole paragraphs: several rules at once.
const MIXED: [input: string, output: string][] = [
  ['他说:"我们要落实,贯彻."然后离开了.', '他说：“我们要落实，贯彻。”然后离开了。'],
  ['（1）、加强组织领导;（2）.完善制度', '（1）加强组织领导；（2）完善制度'],
  ['一．总体', '一、总体'],
  ['温度在-5~10℃之间', '温度在-5～10℃之间'],
  ['10 ~ 20人', '10～20人'],
  ['参加人数为100-200人,占比10%-20%。', '参加人数为100～200人，占比10%～20%。'],
  ['时间:2026年1月5日-2月3日', '时间：2026年1月5日—2月3日'],
  ['国发〔二○○九〕3号', '国发〔二〇〇九〕3号'],
  ['要坚持"两个确立"、做到"两个维护"', '要坚持“两个确立”、做到“两个维护”'],
  ['"要落实，"他说，"要推进。"', '“要落实，”他说，“要推进。”'],
  ['他说 "Hello world" 然后走了', '他说“Hello world”然后走了'],
  ["他说'Hello world'然后走了", '他说‘Hello world’然后走了'],
  // the spaces around a URL or e-mail address end its GFM autolink (T-4): they stay
  ['请访问 www.gov.cn 查询,或发邮件到 test@example.com', '请访问 www.gov.cn 查询，或发邮件到 test@example.com'],
  ['访问https://example.com/a?b=1,c=2,然后', '访问https://example.com/a?b=1,c=2，然后'],
  ['学习𠀀 ,贯彻', '学习𠀀，贯彻'],
  // A mark made full-width (or a quote made curly) by a later rule puts an earlier rule's mark in context:
  // '四个意识'. — PN-4 runs before PN-6 makes the quote ’ (issue 7: a second check --fix changed it).
  ["他说：\"要牢固树立'四个意识'.\"", '他说：“要牢固树立‘四个意识’。”'],
  ["他说：\"要牢固树立'四个意识'\".", '他说：“要牢固树立‘四个意识’”。'],
  ['"四个意识".', '“四个意识”。'],
  ['要落实...(好)', '要落实……（好）'],
  ["'--;学习", '‘——；学习'],
  ['要",,', '要“，'],
]

describe('normalizePunctuation — PN rules (§5.1)', () => {
  it.each(POSITIVE)('%s: %s → %s', (rule, input, output) => {
    const result = normalizePunctuation(input)
    expect(result.text).toBe(output)
    expect(hasRule(result.changes, rule)).toBe(true)
    expect(applyChanges(input, result.changes)).toBe(output)
  })

  it('reports each change with its own rule, offset and length in the input', () => {
    const { changes } = normalizePunctuation('　　学习 贯彻,落实')
    expect(changes).toEqual([
      { rule: 'PN-2', offset: 0, length: 2, from: '　　', to: '', message: '删除段首的手工缩进空格' },
      { rule: 'PN-2', offset: 4, length: 1, from: ' ', to: '', message: '删除中文之间的空格' },
      { rule: 'PN-3', offset: 7, length: 1, from: ',', to: '，', message: '半角逗号改为全角“，”' },
    ])
  })

  it('merges edits of several rules on the same characters into one change', () => {
    const input = '２０２６年０１月'
    const result = normalizePunctuation(input)
    expect(result.text).toBe('2026年1月')
    expect(result.changes.map((c) => c.rule)).toEqual(['PN-1', 'PN-1+PN-19'])
    expect(applyChanges(input, result.changes)).toBe('2026年1月')
  })

  it('skips (1) heading ordinals followed by a mark: (1).加强 → （1）加强', () => {
    expect(normalizePunctuation('(1).加强').text).toBe('（1）加强')
    expect(normalizePunctuation('一,总体').text).toBe('一、总体')
  })

  it('converts a straight quote pair around English next to Chinese, but not inside the English sentence', () => {
    expect(normalizePunctuation('　　学习 He said, "Yes." 这句话').text).toBe('学习He said, "Yes."这句话')
  })

  it('leaves a command-line option and a port or ratio as typed (issue 20, F-10)', () => {
    expect(normalizePunctuation('运行时加上 --strict 选项即可。').text).toContain('--strict')
    expect(normalizePunctuation('命令 booklet build --out dist 生成。').text).toContain('--out dist')
    expect(normalizePunctuation('请开放端口 :443 和 :80。').text).toBe('请开放端口 :443和 :80。')
    // A dash typed as two hyphens between Chinese, and a colon after Chinese, are still mended.
    expect(normalizePunctuation('我们--全县干部--要努力').text).toBe('我们——全县干部——要努力')
    expect(normalizePunctuation('要求:认真落实').text).toBe('要求：认真落实')
  })

  it.each(MIXED)('mixed paragraph: %s → %s', (input, output) => {
    const result = normalizePunctuation(input)
    expect(result.text).toBe(output)
    expect(applyChanges(input, result.changes)).toBe(output)
  })

  it('PN-16 ？! → ？！ is done by PN-3, which runs first (the ! sits next to a CJK mark)', () => {
    const result = normalizePunctuation('真的吗？!')
    expect(result.text).toBe('真的吗？！')
    expect(result.changes.map((c) => c.rule)).toEqual(['PN-3'])
  })

  it('keeps an unbalanced text unbalanced (no “fixing”), opening a lone quote (T-12)', () => {
    expect(normalizePunctuation('"第一段内容。').text).toBe('“第一段内容。')
  })
})

describe('normalizePunctuation — protected cases (§5.2)', () => {
  it.each(NEGATIVE)('%s: %s stays as is', (_row, input) => {
    const result = normalizePunctuation(input)
    expect(result.text).toBe(input)
    expect(result.changes).toEqual([])
  })

  it('T-21: never inserts TOC leaders', () => {
    expect(normalizePunctuation('第一章总体要求').text).not.toContain('…')
  })
})

describe('normalizePunctuation — URLs stay delimited (T-4)', () => {
  it('keeps the spaces around a bare URL, still removes the ones between Han and digits', () => {
    const input = '网址 https://example.com/a,b 和小数 3.14 以及时间 10:30 不应改动。'
    const result = normalizePunctuation(input)
    expect(result.text).toBe('网址 https://example.com/a,b 和小数3.14以及时间10:30不应改动。')
    expect(applyChanges(input, result.changes)).toBe(result.text)
    expect(result.changes.map((c) => [c.rule, c.message])).toEqual(Array(4).fill(['PN-2', '删除中文与西文、数字之间的空格']))
  })

  it('keeps a URL’s closing ASCII mark and the space after it (full-width, GFM would pull the mark into the link)', () => {
    expect(normalizePunctuation('详见 https://x.com/a, 然后再说').text).toBe('详见 https://x.com/a, 然后再说')
  })

  it('reads the text before/after the string as context: a leading space is an indent only at the paragraph start', () => {
    // the text node after an autolink: the space ends the link
    expect(normalizePunctuation(' 和小数', { before: '网址 https://example.com/a,b' }).changes).toEqual([])
    expect(normalizePunctuation(', 然后', { before: '详见 https://x.com/a' }).changes).toEqual([])
    // the text node before one
    expect(normalizePunctuation('网址 ', { after: 'https://example.com 和' }).changes).toEqual([])
    // An inline ordinal before emphasis (要做到：1.**加强学习**) is no sentence end; a number ending the paragraph is.
    expect(normalizePunctuation('要做到：1.', { after: '加强学习' }).text).toBe('要做到：1.')
    expect(normalizePunctuation('电话：0913-1234567.', { before: '联系', after: '' }).text).toBe('电话：0913-1234567。')
    // after other inline content the space is judged by its neighbours, never as an indent
    expect(normalizePunctuation(' 和', { before: '见文字' }).changes).toEqual([
      { rule: 'PN-2', offset: 0, length: 1, from: ' ', to: '', message: '删除中文之间的空格' },
    ])
    expect(normalizePunctuation(' 和', { before: 'GDP' }).changes.map((c) => c.message)).toEqual(['删除中文与西文、数字之间的空格'])
    expect(normalizePunctuation(' word', { before: 'English' }).changes).toEqual([])
    // a quote opened before (a link or emphasis in between) closes at the first straight quote
    const before = '他说"重点'
    expect(normalizePunctuation('".', { before, open: quotesOpenAfter(before) }).text).toBe('”。')
    expect(normalizePunctuation('"。他说"好', { before, open: quotesOpenAfter(before) }).text).toBe('”。他说“好')
    expect(quotesOpenAfter('“a”\'b')).toEqual({ double: false, single: true })
    expect(normalizePunctuation('　　学习').changes.map((c) => c.message)).toEqual(['删除段首的手工缩进空格'])
  })
})

describe('normalizePunctuation — options', () => {
  it('latinSpacing: true keeps spaces between Han and Latin/digits, still removes the others', () => {
    const input = '　　学习 贯彻 2026 年 GDP 会议'
    expect(normalizePunctuation(input, { latinSpacing: true }).text).toBe('学习贯彻 2026 年 GDP 会议')
    expect(normalizePunctuation(input).text).toBe('学习贯彻2026年GDP会议')
    expect(normalizePunctuation('学习， English', { latinSpacing: true }).text).toBe('学习，English')
  })
})

describe('normalizePunctuation — idempotence (QA-1)', () => {
  const inputs = [...POSITIVE.flatMap(([, input, output]) => [input, output]), ...MIXED.flat(), ...NEGATIVE.map(([, input]) => input), ...EXTRA]
  it.each(inputs)('%s', (input) => {
    for (const options of [{}, { latinSpacing: true }]) {
      const once = normalizePunctuation(input, options)
      const twice = normalizePunctuation(once.text, options)
      expect(twice.text).toBe(once.text)
      expect(twice.changes).toEqual([])
      expect(applyChanges(input, once.changes)).toBe(once.text)
    }
  })

  it('one pass is enough for every string of three of Han, Latin, digits, quotes, brackets and marks', () => {
    const pieces = ['要', 'abc', '10', '"', "'", '“', '”', '(', ')', '（', '）', '.', ',', '!', '...', '--', ' ', '《', '》', '。']
    const inputs = pieces.flatMap((a) => pieces.flatMap((b) => pieces.map((c) => a + b + c)))
    const notIdempotent = inputs.filter((input) => {
      const once = normalizePunctuation(input).text
      return normalizePunctuation(once).text !== once
    })
    expect(notIdempotent).toEqual([])
  })
})

describe('lintPunctuation', () => {
  it('reports unbalanced quotes, brackets and book-title marks (QA-2)', () => {
    expect(lintPunctuation('他说：“要落实。')).toEqual([{ rule: 'QA-2', offset: 3, length: 1, message: '双引号不配对：“ 没有对应的 ”' }])
    expect(lintPunctuation('会议（扩大召开').map((l) => [l.rule, l.offset])).toEqual([['QA-2', 2]])
    expect(lintPunctuation('学习《决定》》').map((l) => [l.rule, l.offset])).toEqual([['QA-2', 6]])
    expect(lintPunctuation('他说‘好').map((l) => l.rule)).toEqual(['QA-2'])
  })

  it('allows a paragraph of a multi-paragraph quotation that opens “ without closing it (T-12)', () => {
    expect(lintPunctuation('“第一段内容。')).toEqual([])
    expect(lintPunctuation('　　“第一段内容。')).toEqual([])
  })

  it('is quiet on balanced text and on English apostrophes', () => {
    expect(lintPunctuation('他说：“‘两个确立’很重要。”《关于〈决定〉的说明》（草案）')).toEqual([])
    expect(lintPunctuation('学习China’s经验')).toEqual([])
  })

  it('reports ……等 co-occurrence', () => {
    expect(lintPunctuation('苹果、香蕉……等水果')).toEqual([{ rule: 'ellipsis-etc', offset: 5, length: 3, message: '省略号和“等”“等等”不宜同时使用' }])
  })

  it('PN-21: reports a comma/colon/semicolon before a closing quote whose content ends a sentence', () => {
    expect(lintPunctuation('他说：“要落实。要推进，”大家同意。').map((l) => [l.rule, l.offset])).toEqual([['PN-21', 11]])
    expect(lintPunctuation('他说：“要落实，”大家同意。')).toEqual([])
  })
})
