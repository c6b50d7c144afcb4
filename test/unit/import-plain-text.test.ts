/** Plain-text import (issue 4): every detection rule and the note it leaves for the author. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import { describe, expect, it } from 'vitest'
import { decodeText, importPlainText, looksLikeShiftJis, unlikelyGbk } from '../../src/import/plain-text.ts'
import { encode } from '../helpers/encode-text.ts'

const sample = readFileSync(join(import.meta.dirname, '../fixtures/import/party-work-meeting-speech.txt'), 'utf8')
const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).join('')
const headings = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('#'))
const rules = (text: string) => importPlainText(text).notes.map((n) => `${n.line}:${n.rule}`)
const body = (markdown: string) => markdown.replace(/^---\n[\s\S]*?\n---\n/, '')

describe('the sample speech', () => {
  const result = importPlainText(sample)

  it('has its title in front matter and three level-1 headings although only one is numbered', () => {
    expect(result.matter).toEqual({ title: '在全县党务工作会议上的讲话' })
    expect(headings(result.markdown)).toEqual([
      '## 坚持党的领导，牢牢把握党务工作新要求',
      '## 二、聚焦中心大局，全面提高党务工作新水平',
      '## 加强组织领导，努力开创党务工作新局面',
    ])
    const guesses = result.notes.filter((n) => n.rule === 'import-heading')
    expect(guesses.map((n) => n.line)).toEqual([7, 19])
    expect(guesses[0]!.message).toContain('后面的同级标题从“二、”编起')
    expect(guesses[1]!.message).toContain('同级')
  })

  it('sets the parallel lead sentences in bold, word for word, and leaves the lone short first sentence alone', () => {
    const leads = result.notes.filter((n) => n.rule === 'import-lead').map((n) => n.line)
    expect(leads).toEqual([9, 10, 11, 14, 15, 16, 17, 18, 21, 22, 23])
    expect(result.markdown).toContain('\n**要旗帜鲜明讲政治。**始终把党的政治建设摆在首位。')
    expect(result.markdown).toContain('\n**组织工作要选人才、强队伍，夯实基础。**要健全完善')
    expect(result.markdown).toContain('\n党是各项事业的领导核心。各党务部门')
    expect(result.markdown).toContain('\n同志们，做好党务工作，使命光荣')
    expect(result.markdown).not.toContain('&#x')
  })

  it('keeps every character of the text in order', () => {
    expect(han(result.markdown)).toBe(han(sample))
  })

  it('maps each Markdown line back to the line of the text', () => {
    const lines = result.markdown.split('\n')
    const heading = lines.findIndex((l) => l.startsWith('## 二、'))
    expect(result.lineMap[heading]).toBe(12)
    expect(result.lineMap[lines.findIndex((l) => l.startsWith('今天'))]).toBe(3)
  })
})

describe('the header of a speech', () => {
  const text = ['在全县基层党建工作推进会', '上的讲话', '——在县委理论学习中心组扩大会上', '（2026年3月5日，根据录音整理）', '县委书记　张三', '同志们：', '　　今天召开这次会议，主要是总结去年工作。'].join('\n')
  const result = importPlainText(text)

  it('joins a title written over two lines and reads subtitle, date, place and speaker into front matter', () => {
    expect(result.matter).toEqual({
      title: '在全县基层党建工作推进会上的讲话',
      subtitle: '——在县委理论学习中心组扩大会上',
      date: '2026-03-05',
      place: '根据录音整理',
      speaker: '县委书记　张三',
    })
    expect(result.markdown).toMatch(/^---\ntitle: 在全县基层党建工作推进会上的讲话\n/)
    expect(rules(text)).toEqual(['1:import-title', '3:import-subtitle', '4:import-date', '5:import-speaker', '6:import-salutation'])
  })

  it('keeps the salutation as the first paragraph and drops the typed indent', () => {
    expect(body(result.markdown)).toBe('\n同志们：\n\n今天召开这次会议，主要是总结去年工作。\n')
  })

  it('joins two-line titles of other kinds, and not a title followed by a heading', () => {
    expect(importPlainText('关于进一步加强基层党组织建设的\n实施意见\n正文很长，有句号。').matter.title).toBe('关于进一步加强基层党组织建设的实施意见')
    const notJoined = importPlainText('学习资料\n坚持党的领导\n正文很长，有句号。')
    expect(notJoined.matter.title).toBe('学习资料')
    expect(headings(notJoined.markdown)).toEqual(['## 坚持党的领导'])
  })

  it('reads dates in Chinese numerals and a date line without brackets', () => {
    expect(importPlainText('讲话\n（二〇二六年三月十五日）\n正文，有句号。').matter.date).toBe('2026-03-15')
    expect(importPlainText('讲话\n2026年3月5日\n正文，有句号。').matter.date).toBe('2026-03-05')
  })
})

describe('headings', () => {
  it('reads four levels of manual numbering, CRLF line ends and leading full-width spaces', () => {
    const text = '标题\r\n\r\n一、总体要求\r\n（一）指导思想\r\n1.坚持党的领导\r\n（1）加强学习\r\n　　正文段落很长，有句号。\r\n'
    const result = importPlainText(text)
    expect(headings(result.markdown)).toEqual(['## 一、总体要求', '### （一）指导思想', '#### 1.坚持党的领导', '##### （1）加强学习'])
    expect(result.markdown).toContain('\n正文段落很长，有句号。\n')
  })

  it('keeps a numbered line with body text after its first sentence as a run-in heading, and says so', () => {
    const result = importPlainText('题\n（一）夯实基础。要把基层组织建强，不断提高组织力。\n')
    expect(result.markdown).toContain('\n### （一）夯实基础。要把基层组织建强')
    expect(rules('题\n（一）夯实基础。要把基层组织建强，不断提高组织力。\n')).toContain('2:import-run-in')
  })

  it('puts the body after a level-1 heading sentence into its own paragraph (EL-2: level 1 stands alone)', () => {
    expect(body(importPlainText('题\n二、重点任务。今年要抓好三件事。').markdown)).toBe('\n## 二、重点任务。\n\n今年要抓好三件事。\n')
  })

  it('keeps a numbered sentence ending in ；as an item of a list, with a note but no warning (issue 17)', () => {
    const text = '题\n2.长期以来形成的良好传统和作风，在新形势下必须坚持并不断发扬光大，这是我们的重要法宝，必须长期坚持；'
    const result = importPlainText(text)
    expect(headings(result.markdown)).toEqual([])
    const note = result.notes.find((n) => n.rule === 'import-numbered-paragraph')
    expect(note).toMatchObject({ line: 2 })
    expect(note?.severity).toBeUndefined()
  })

  it('takes numbered sentences that follow one another as a list, and one that heads body text as a heading (issue 17)', () => {
    const list = importPlainText('题\n正文很长，有句号。\n1.在《语文（必修二）》中删除《一个人的遭遇》，增加《边城》。\n2.在《语文（必修三）》中删除《东方和西方的科学》。\n3.在《语文（必修四）》中增加《辛德勒名单》。\n正文很长，有句号。')
    expect(headings(list.markdown)).toEqual([])
    const section = importPlainText('题\n（一）久久为功推动粤港澳大湾区建设，打造一流湾区和世界级城市群。\n服务大局，紧扣战略支点，推进各项工作。\n（二）加快发展新质生产力。\n正文很长，有句号。')
    expect(headings(section.markdown)).toEqual(['### （一）久久为功推动粤港澳大湾区建设，打造一流湾区和世界级城市群。', '### （二）加快发展新质生产力。'])
    // A request is no heading: （一）请按时提交材料。
    expect(headings(importPlainText('题\n（一）请按时提交材料。\n正文很长，有句号。').markdown)).toEqual([])
  })

  it('splits a run-in heading at a short label’s colon when a sentence follows, not inside a heading (issue 17)', () => {
    // A level-1 label runs in (the pipeline splits it, EL-17): the notice's items stay one line each.
    expect(body(importPlainText('题\n正文。\n一、元旦：1月1日（周三）放假1天，不调休。').markdown)).toBe('\n正文。\n\n## 一、元旦：1月1日（周三）放假1天，不调休。\n')
    expect(headings(importPlainText('题\n四、中国特色社会主义新时代（党的十八大至今）：惊天动地\n正文很长，有句号。').markdown)).toEqual(['## 四、中国特色社会主义新时代（党的十八大至今）：惊天动地'])
    expect(headings(importPlainText('题\n（一）会议时间为9：30，请准时参加。\n正文。').markdown)).toEqual([])
  })

  it('makes an unnumbered heading right under a numbered one its child, and later ones its siblings', () => {
    const text = ['题', '一、总体要求', '指导思想', '坚持以人民为中心的发展思想，有句号。', '基本原则', '坚持稳中求进工作总基调，有句号。', '二、重点任务', '正文很长，有句号。'].join('\n')
    const result = importPlainText(text)
    expect(headings(result.markdown)).toEqual(['## 一、总体要求', '### 指导思想', '### 基本原则', '## 二、重点任务'])
    expect(result.notes.filter((n) => n.rule === 'import-heading').map((n) => n.message)).toEqual([
      expect.stringContaining('紧接在“一、总体要求”之下，当作二级标题'),
      expect.stringContaining('与前面同样没有编号的“指导思想”同级，当作二级标题'),
    ])
  })

  it('does not take a short line as a heading when no body text follows it', () => {
    expect(headings(importPlainText('题\n第一行很短\n第二行也很短\n').markdown)).toEqual([])
  })
})

describe('lead words and enumerations', () => {
  it('sets 一是 二是 三是 in bold, with their clause when it is a short sentence of its own', () => {
    expect(body(importPlainText('题\n要原原本本学习，一是读原著，二是学原文，三是悟原理。').markdown)).toBe('\n要原原本本学习，**一是**读原著，**二是**学原文，**三是**悟原理。\n')
    expect(body(importPlainText('题\n今年抓三件事。一是坚持高位推动。成立了领导小组。二是强化督导。每月通报一次。').markdown)).toBe(
      '\n今年抓三件事。**一是坚持高位推动。**&成立了领导小组。**二是强化督导。**每月通报一次。\n'.replace('&', ''),
    )
  })

  it('keeps two bold runs apart when the clause runs into the next marker', () => {
    expect(body(importPlainText('题\n一是学习。二是落实。').markdown)).toBe('\n**一是**学习。**二是**落实。\n')
  })

  it('leaves a lone 一是 alone', () => {
    expect(importPlainText('题\n这件事一是一，不含糊。').markdown).not.toContain('**')
  })
})

describe('lists, attachments and the closing', () => {
  const text = ['题', '正文很长，有句号。', '——抓好班子建设；', '——抓好队伍建设。', '● 按时参加组织生活', '● 按时交纳党费', '附件：1.基层党建工作任务清单', '2.基层党建工作考核办法', '中共××县委组织部', '2026年3月5日', '附件1', '基层党建工作任务清单', '一、任务', '正文，有句号。'].join('\n')
  const result = importPlainText(text)

  it('keeps —— item lines as paragraphs and bullet lines as a list', () => {
    expect(body(result.markdown)).toContain('\n——抓好班子建设；\n\n——抓好队伍建设。\n\n- 按时参加组织生活\n- 按时交纳党费\n')
  })

  it('keeps the attachments note as one paragraph whose items are its lines, not headings', () => {
    expect(body(result.markdown)).toContain('\n附件：1.基层党建工作任务清单\\\n2.基层党建工作考核办法\n')
    expect(result.notes.find((n) => n.rule === 'import-attachment')).toMatchObject({ line: 7, message: expect.stringContaining('连同下面 1 行') })
  })

  it('takes the organ and the date at the end of the body as the signature and date', () => {
    expect(result.notes.filter((n) => n.rule === 'import-signature').map((n) => n.line)).toEqual([9, 10])
    expect(body(result.markdown)).toContain('\n中共××县委组织部\n\n2026年3月5日\n\n附件1\n\n基层党建工作任务清单\n\n## 一、任务\n')
  })
})

describe('text as it arrives', () => {
  it('joins lines hard-wrapped at a fixed width and says which', () => {
    const paragraph = '这是一个很长的段落，从电子邮件里复制出来的时候按照固定的宽度折了行，需要重新合为一段才能正确排版，否则每一行都会变成一个段落。'
    const wrapped = (paragraph.match(/.{1,24}/gu) ?? []).join('\n')
    const text = `题\n${wrapped}\n\n${wrapped}`
    const result = importPlainText(text)
    expect(body(result.markdown)).toBe(`\n${paragraph}\n\n${paragraph}\n`)
    expect(result.notes.filter((n) => n.rule === 'import-wrapped').map((n) => n.message)).toEqual([expect.stringContaining('第 2—'), expect.stringContaining('合为一段')])
  })

  it('leaves one-paragraph-per-line text as it is', () => {
    expect(importPlainText(sample).notes.some((n) => n.rule === 'import-wrapped')).toBe(false)
  })

  it('decodes UTF-8 with BOM, UTF-16 with BOM and GBK, and refuses bytes that are none of these or not text', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad]))?.text).toBe('中')
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x2d, 0x4e]))).toEqual({ text: '中', encoding: 'utf-16le' })
    expect(decodeText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ text: '中文', encoding: 'gb18030' })
    expect(decodeText(new Uint8Array([0xff, 0xff, 0xff]))).toBeUndefined()
    expect(decodeText(new Uint8Array(Array.from({ length: 400 }, (_, i) => (i * 37) % 256)))).toBeUndefined()
  })

  it('refuses Shift_JIS text, which decodes as GBK to garbled rare characters, but reads GBK Chinese, simplified or traditional', () => {
    expect(decodeText(encode('shift_jis', '日本語の文章です。\n'))).toBeUndefined()
    expect(decodeText(encode('shift_jis', '本日は会議を開催し、昨年の仕事を総括して、来年の任務を配置します。\n'))).toBeUndefined()
    expect(looksLikeShiftJis(encode('shift_jis', '日本語の文章です。\n'))).toBe(true)
    expect(decodeText(encode('gbk', sample))).toEqual({ text: sample, encoding: 'gb18030' })
    expect(looksLikeShiftJis(encode('gbk', sample))).toBe(false)
    const traditional = '我們今天在這裡召開會議，總結過去一年的工作，部署明年的任務。各級黨組織要認真學習貫徹會議精神。\n'
    expect(decodeText(encode('gbk', traditional))?.text).toBe(traditional)
    // Names are often level-2 characters; a line of them is still Chinese.
    expect(decodeText(encode('gbk', '出席：褚卫、蒋沈、韩杨、朱秦、尤许、戚谢、邹喻、窦章、奚范、彭郎\n'))?.encoding).toBe('gb18030')
    expect(unlikelyGbk(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe(false)
  })

  it('escapes what Markdown would read as markup, so the text reads back unchanged', () => {
    const lines = ['# 井号开头的一句话，有句号。', '1. 数字加点加空格开头的一句话，太长了所以不是标题，这一句话确实很长很长很长很长很长很长，有句号。', '用*星号*、_下划线_、[方括号](链接)和<尖括号>写的内容，有句号。']
    const tree = fromMarkdown(body(importPlainText(`题\n${lines.join('\n')}`).markdown))
    expect(tree.children.map((c) => c.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
    expect(tree.children.map((c) => toString(c))).toEqual(lines)
  })
})

describe('cases from a new user’s trial', () => {
  it('reads speaker lines whose position has a 顿号, and the date after them', () => {
    for (const speaker of ['县委副书记、县长　李明华', '区委常委、宣传部部长 陈静', '县政府党组书记、县长 李明华']) {
      const result = importPlainText(`在全县经济工作会议上的讲话\n${speaker}\n2026年3月12日\n同志们：\n一、总体情况\n正文很长，有句号。`)
      expect(result.matter).toEqual({ title: '在全县经济工作会议上的讲话', speaker: speaker.replace(/\s+/u, '　'), date: '2026-03-12' })
      expect(headings(result.markdown)).toEqual(['## 一、总体情况'])
    }
  })

  it('does not take 一、二季度 or 三、四月份 at the start of a sentence for a heading number', () => {
    const text = ['题', '一、上半年工作', '一、二季度全县经济运行总体平稳，主要指标好于预期。', '三、四月份受天气影响，部分项目进度滞后。', '二、下半年工作安排', '正文，有句号。'].join('\n')
    const result = importPlainText(text)
    expect(headings(result.markdown)).toEqual(['## 一、上半年工作', '## 二、下半年工作安排'])
    expect(body(result.markdown)).toContain('\n一、二季度全县经济运行总体平稳')
    expect(result.notes.filter((n) => n.rule === 'import-numbered-paragraph').map((n) => n.line)).toEqual([3, 4])
  })

  it('joins a title written over three lines', () => {
    const result = importPlainText('在全市深入学习贯彻党的二十届四中全会精神\n暨推动高质量发展\n动员大会上的讲话\n（2026年3月5日）\n同志们：\n正文，有句号。')
    expect(result.matter).toEqual({ title: '在全市深入学习贯彻党的二十届四中全会精神暨推动高质量发展动员大会上的讲话', date: '2026-03-05' })
  })

  it('never takes the file name for the title: without one, the opening words stand in, with a warning (issue 17)', () => {
    const result = importPlainText('同志们：\n今天开会，讲三点意见。', '县长讲话')
    expect(result.matter.title).toBe('今天开会，讲三点意见')
    expect(result.notes[0]).toMatchObject({ line: 1, rule: 'import-title', severity: 'warning' })
    expect(body(result.markdown)).toBe('\n同志们：\n\n今天开会，讲三点意见。\n')
  })

  it('joins hard-wrapped lines whose lengths vary with digits and marks', () => {
    const lines = ['今年入汛以来，全县平均降雨量较常年同期偏多三成，部分河道', '水位超过警戒线，全县共转移群众1200人，没有发生人员伤亡。', '下一步要继续做好防汛工作，确保安全度汛，各乡镇要落实责', '任，加强巡查，发现险情及时处置，确保万无一失，守住底线。']
    const result = importPlainText(`题\n${lines.join('\n')}`)
    // A line that ends a sentence at the wrap width ends its paragraph: that cannot be told apart.
    expect(body(result.markdown)).toBe(`\n${lines[0]}${lines[1]}\n\n${lines[2]}${lines[3]}\n`)
  })

  it('does not bold opening sentences that are not parallel', () => {
    const result = importPlainText('题\n去年我们干得不错。全县生产总值增长百分之六。\n今年形势更复杂。外部环境变化很大。\n大家要有思想准备。困难比预想的多。')
    expect(result.markdown).not.toContain('**')
  })

  it('bolds every clause of an enumeration or only the markers, never a mix', () => {
    expect(body(importPlainText('题\n一是推进审批事项“应减尽减”。取消二十项。二是推行“一网通办”。年底前上线。三是落实告知承诺制。').markdown)).toBe(
      '\n**一是推进审批事项“应减尽减”。**取消二十项。**二是推行“一网通办”。**年底前上线。**三是落实告知承诺制。**\n',
    )
    expect(body(importPlainText('题\n一是加强学习，提高本领。二是改进作风。').markdown)).toBe('\n**一是**加强学习，提高本领。**二是**改进作风。\n')
  })

  it('places an unnumbered heading where a number is missing, at the level of the next number', () => {
    const text = ['题', '一、成绩', '（一）经济', '正文，有句号。', '（二）社会', '正文，有句号。', '当前存在的突出问题', '正文，有句号。', '三、下一步工作', '正文，有句号。'].join('\n')
    expect(headings(importPlainText(text).markdown)).toEqual(['## 一、成绩', '### （一）经济', '### （二）社会', '## 当前存在的突出问题', '## 三、下一步工作'])
  })

  it('ends a numbered heading’s first sentence at a half-width . ! ? after Han, as at 。！？ (issue 7)', () => {
    const text = [
      '在全县农村工作会议上的讲话',
      '同志们：',
      '　　一、过去一年工作回顾',
      '　　（一）产业发展迈出新步伐.全县新建高标准农田2.3万亩,培育省级龙头企业3家（其中：食品加工2家、物流1家）。',
      '　　（二）农村改革持续深化。完成农村集体产权制度改革试点工作，各项工作取得积极进展!!',
      '　　（三）乡村面貌明显改善!群众满意度持续提高。',
    ].join('\n')
    const result = importPlainText(text)
    expect(headings(result.markdown)).toEqual([
      '## 一、过去一年工作回顾',
      '### （一）产业发展迈出新步伐.全县新建高标准农田2.3万亩,培育省级龙头企业3家（其中：食品加工2家、物流1家）。',
      '### （二）农村改革持续深化。完成农村集体产权制度改革试点工作，各项工作取得积极进展!!',
      '### （三）乡村面貌明显改善!群众满意度持续提高。',
    ])
    expect(result.notes.filter((n) => n.rule === 'import-run-in').map((n) => n.message)).toEqual([
      expect.stringContaining('：（一）产业发展迈出新步伐.'),
      expect.stringContaining('：（二）农村改革持续深化。'),
      expect.stringContaining('：（三）乡村面貌明显改善!'),
    ])
    expect(result.notes.filter((n) => n.rule === 'import-numbered-paragraph')).toEqual([])
  })

  it('takes a one-sentence numbered line ending in a half-width . or !! as a heading', () => {
    expect(headings(importPlainText('题\n（一）产业发展迈出新步伐.\n正文很长，有句号。').markdown)).toEqual(['### （一）产业发展迈出新步伐.'])
    const result = importPlainText('题\n（二）农村改革持续深化!!\n正文很长，有句号。')
    expect(headings(result.markdown)).toEqual(['### （二）农村改革持续深化!!'])
    expect(result.notes.filter((n) => n.rule === 'import-run-in')).toEqual([])
  })

  it('sets parallel lead sentences ending in a half-width . or ! in bold', () => {
    expect(body(importPlainText('题\n要旗帜鲜明讲政治.始终把党的政治建设摆在首位。\n要一以贯之守规矩!严守党的政治纪律。').markdown)).toBe(
      '\n**要旗帜鲜明讲政治.**始终把党的政治建设摆在首位。\n\n**要一以贯之守规矩!**严守党的政治纪律。\n',
    )
  })

  it('does not end a sentence at a . between digits, in an address or in English', () => {
    for (const line of [
      '（一）全县新建高标准农田2.3万亩，培育省级龙头企业三家，带动农户增收致富，为乡村振兴打下了坚实的基础，',
      '（一）详见县政府网站www.gov.cn和县融媒体中心公众号的相关栏目介绍，请各单位认真学习并抓好落实工作，',
      '（一）He said. 我们要认真学习贯彻会议精神，进一步统一思想认识，凝聚奋进力量，推动各项工作落地见效，',
    ]) {
      const result = importPlainText(`题\n${line}`)
      expect(headings(result.markdown)).toEqual([])
      expect(result.notes.find((n) => n.rule === 'import-numbered-paragraph')).toMatchObject({ line: 2, severity: 'warning' })
    }
  })

  it('does not take a line of labelled fields for a heading', () => {
    expect(headings(importPlainText('题\n会议时间：6月1日　地点：县会议中心\n正文很长，有句号。').markdown)).toEqual([])
  })
})

describe('lines that are never headings, titles or signatures (issue 17)', () => {
  it('leaves a typed table of contents out, with a warning', () => {
    const result = importPlainText('学习资料\n目录\n一、引言 ........ 1\n二、主要内容 ........ 3\n三、结语 ........ 9\n一、引言\n正文很长，有句号。')
    expect(headings(result.markdown)).toEqual(['## 一、引言'])
    expect(result.markdown).not.toContain('........')
    expect(result.notes.find((n) => n.rule === 'import-toc')).toMatchObject({ line: 2, severity: 'warning' })
  })

  it('reads a 发文字号 under the title into the front matter, not as a heading', () => {
    const result = importPlainText('关于做好2026年春耕生产工作的通知\nX政发〔2026〕5号\n各乡镇人民政府，县政府各部门：\n现就有关事项通知如下。\n一、总体要求\n正文很长，有句号。')
    expect(result.matter).toMatchObject({ title: '关于做好2026年春耕生产工作的通知', docNumber: 'X政发〔2026〕5号' })
    expect(headings(result.markdown)).toEqual(['## 一、总体要求'])
  })

  it('takes no date for a heading, even before 一、', () => {
    const result = importPlainText('通知\n正文很长，有句号。\n2025年10月21日\n一、后续说明\n正文很长，有句号。')
    expect(headings(result.markdown)).toEqual(['## 一、后续说明'])
  })

  it('takes only an office or a name above the closing date for the signature, never a label or an attachments note', () => {
    for (const line of ['附件：1.实施方案', '联系人：张三', '请认真执行']) {
      const result = importPlainText(`通知\n正文很长，有句号。\n${line}\n2025年8月12日`)
      expect(result.notes.filter((n) => n.rule === 'import-signature').map((n) => n.message)).toEqual(['当作成文日期（落款）：2025年8月12日'])
    }
    const signed = importPlainText('通知\n正文很长，有句号。\n党政办、教科室\n2025年8月12日')
    expect(signed.notes.filter((n) => n.rule === 'import-signature').map((n) => n.message)).toEqual(['当作署名（落款）：党政办、教科室', '当作成文日期（落款）：2025年8月12日'])
  })

  it('knows dates written with 〇, ○ or 零, with spaces, and as placeholders', () => {
    for (const date of ['二○二五年八月十二日', '二〇二五年八月十二日', '二零二五年八月十二日', '2025 年 8 月 12 日', '202X年X月X日', '2025年x月x日']) {
      const result = importPlainText(`通知\n正文很长，有句号。\n县人民政府办公室\n${date}`)
      expect(result.notes.some((n) => n.message === `当作成文日期（落款）：${date}`)).toBe(true)
    }
  })
})

describe('numbered lines that are not headings (issue 17)', () => {
  it('keeps a requirement (……应认真落实。, ……须统一思想) and a sentence of figures body text', () => {
    for (const line of ['（一）本规划已经发布，各科室应认真落实。后续将开展检查。', '（一）本规划是部门未来三年发展的行动纲领，全体人员须统一思想、坚定信心、真抓实干', '1.2026年业务增长达到100%，该编号为AI-001且这是明显完整的正文句子。']) {
      expect(headings(importPlainText(`题\n正文，有句号。\n${line}\n正文很长，有句号。`).markdown)).toEqual([])
    }
    // 应对 is no requirement: （二）积极应对人口老龄化。 is a heading.
    expect(headings(importPlainText('题\n正文，有句号。\n（二）积极应对人口老龄化。\n正文很长，有句号。').markdown)).toEqual(['### （二）积极应对人口老龄化。'])
  })

  it('takes 附件 alone with the attachments’ names under it for an attachments note typed without its colon', () => {
    const result = importPlainText('通知\n正文，有句号。\n附件\n1.报名表\n2.汇总表')
    expect(headings(result.markdown)).toEqual([])
    expect(result.markdown).toContain('附件\\\n1.报名表\\\n2.汇总表')
  })
})

describe('line joins (issue 17)', () => {
  it('joins nothing in a file of one paragraph a line, even where two lines happen to share a width', () => {
    const text = '浙江省教育厅关于深化普通高中课程改革的通知\n各市、县（市、区）教育局：\n《浙江省深化普通高中课程改革方案》已经浙江省人民政府批准同意，将于2012年秋季开始实施。现就有关事项通知如下。\n一、切实提高对深化普通高中课程改革重要性的认识\n增加普通高中教育的选择性，建立在共同基础上学生自主选择学习的育人模式。'
    const result = importPlainText(text)
    expect(result.notes.filter((n) => n.rule === 'import-wrapped')).toEqual([])
    expect(result.matter.title).toBe('浙江省教育厅关于深化普通高中课程改革的通知')
    expect(headings(result.markdown)).toEqual(['## 一、切实提高对深化普通高中课程改革重要性的认识'])
  })

  it('never joins the line that closes a title to the bracketed date under it, even at the wrap width', () => {
    // Wrapped at 26 字, the title as long as the wrap width.
    const wrapped = ['关于进一步加强和改进新时代全县基层党组织建设实施意见', '（2026年3月5日）', '为深入贯彻落实新时代党的建设总要求和新时代党的组织路', '线，进一步加强全县基层党组织建设。', '各级党组织要认真学习领会，切实把思想和行动统一到上级', '的决策部署上来，确保各项任务落到实处。'].join('\n')
    const result = importPlainText(wrapped)
    expect(result.matter).toMatchObject({ title: '关于进一步加强和改进新时代全县基层党组织建设实施意见', date: '2026-03-05' })
    expect(result.notes.filter((n) => n.rule === 'import-wrapped').map((n) => n.line)).toEqual([3, 5])
  })

  it('gives a real document hard-wrapped as text copied from a PDF the same structure as the same text one paragraph a line', () => {
    const text = readFileSync(join(import.meta.dirname, '../corpus/documents/gov-gb-coal-mine-accident-bulletin-2004.txt'), 'utf8')
    const lines = text.split('\n').filter((l) => l.trim())
    // Body paragraphs (long lines) wrapped at 30 字, as a PDF viewer copies them; short lines stay.
    const wrapped = lines.flatMap((line) => ([...line].length > 30 ? [...line].join('').match(/.{1,30}/gu)! : [line])).join('\n')
    const flat = importPlainText(text)
    const copied = importPlainText(wrapped)
    expect(copied.notes.some((n) => n.rule === 'import-wrapped')).toBe(true)
    expect(headings(copied.markdown)).toEqual(headings(flat.markdown))
    expect(copied.matter).toEqual(flat.matter)
  })
})

describe('series of parallel paragraphs (issue 17)', () => {
  it('sets all the leads of a 一抓 … 十抓 series in bold, or none', () => {
    const verbs = ['组织领导', '领学先学', '调查研究', '问题整改', '制度建设']
    const long = (k: number) => `${'一二三四五'[k]}抓${verbs[k]}，保障方案实施责任落实。学校党政班子把主题教育作为重大政治任务，精心组织，周密部署，确保各项工作取得实效。`
    const all = importPlainText(`题\n${verbs.map((_, k) => long(k)).join('\n')}`)
    expect(all.markdown.match(/\*\*/gu)?.length).toBe(10)
    // One lead too long to be a lead: then none of the series is bold.
    const mixed = importPlainText(`题\n${verbs.map((_, k) => (k === 2 ? `三抓调查研究，深入基层一线开展大调研大走访活动，把情况摸清摸透摸准确。随后形成报告。` : long(k))).join('\n')}`)
    expect(mixed.markdown).not.toContain('**')
  })
})

describe('the title block of real documents (issue 17)', () => {
  it('reads editor’s lines before the title: the source under the title, a note above it, web labels left out', () => {
    const result = importPlainText('资料来源：人民网\n正文：\n现摘录如下，供学习参考。\n在全市工作会议上的讲话\n同志们：\n今天开会，讲三点意见。', '新建文本文档')
    expect(result.matter).toMatchObject({ title: '在全市工作会议上的讲话', source: '人民网', note: '现摘录如下，供学习参考。' })
    expect(result.notes.find((n) => n.line === 2)).toMatchObject({ rule: 'import-note', severity: 'warning' })
  })

  it('takes an over-title (学习材料第二专题) for a note, and the issuers over 关于…… as part of the title', () => {
    const over = importPlainText('学习材料第二专题\n习近平：在党史学习教育动员大会上的讲话\n（2021年2月20日）\n习近平\n今年是中国共产党成立一百周年。')
    expect(over.matter).toMatchObject({ title: '习近平：在党史学习教育动员大会上的讲话', note: '学习材料第二专题', date: '2021-02-20', speaker: '习近平' })
    const joint = importPlainText('中共中央 国务院\n关于全面加强新时代大中小学劳动教育的意见\n来源：共产党员网\n为构建德智体美劳全面培养的教育体系，现提出如下意见。')
    expect(joint.matter).toMatchObject({ title: '中共中央　国务院关于全面加强新时代大中小学劳动教育的意见', source: '共产党员网' })
    const oneLine = importPlainText('中共中央 国务院关于全面推进乡村振兴加快农业农村现代化的意见\n正文很长，有句号。')
    expect(oneLine.matter.title).toBe('中共中央　国务院关于全面推进乡村振兴加快农业农村现代化的意见')
  })

  it('joins a title over three lines, and one over two lines up to its —— subtitle', () => {
    expect(importPlainText('国务院办公厅关于山西、安徽省\n四起特大煤矿瓦斯爆炸事故\n调查处理情况的通报\n国办发〔2004〕7号\n正文很长，有句号。').matter).toMatchObject({
      title: '国务院办公厅关于山西、安徽省四起特大煤矿瓦斯爆炸事故调查处理情况的通报',
      docNumber: '国办发〔2004〕7号',
    })
    const speech = importPlainText('不忘初心担使命 传承博雅谱新篇\n奋力开创绍兴一中高水平发展新局面\n——在主题教育总结大会上的讲话\n（1月13日下午4点，行政楼会议室四）\n绍兴一中党委书记、校长  王 琛\n同志们：\n根据统一部署，今天我们召开总结大会。')
    expect(speech.matter).toEqual({
      title: '不忘初心担使命　传承博雅谱新篇奋力开创绍兴一中高水平发展新局面',
      subtitle: '——在主题教育总结大会上的讲话',
      place: '1月13日下午4点，行政楼会议室四',
      speaker: '绍兴一中党委书记、校长　王　琛',
    })
    expect(body(speech.markdown).startsWith('\n同志们：\n')).toBe(true)
  })

  it('sets the address flush left and the greeting after it as a paragraph: 各位领导、各位代表：大家好！ · 各位教职员工，大家好！', () => {
    for (const [line, address] of [['各位领导、各位代表、教工同志们：大家好！', '各位领导、各位代表、教工同志们：'], ['各位教职员工，大家好！', '各位教职员工，']]) {
      const result = importPlainText(`工作报告\n${line}\n下面我代表学校班子报告工作。`)
      expect(body(result.markdown)).toBe(`\n${address}\n\n${line.slice(address.length)}\n\n下面我代表学校班子报告工作。\n`)
      expect(result.notes.find((n) => n.rule === 'import-salutation')?.message).toBe(`当作称呼语（顶格）：${address}`)
    }
  })

  it('takes a report’s long run-in head of one or two clauses for a heading', () => {
    const line = '（二）聚焦加快构建体现江西特色和优势的现代化产业体系，深化实施“1269”行动计划。坚持智能化、绿色化、融合化方向，推进新型工业化。'
    expect(headings(importPlainText(`题\n正文，有句号。\n${line}`).markdown)).toEqual([`### ${line}`])
  })

  it('leaves out a web page’s toolbar before the title and its 相关报道： after the text, with one message each (浙江 2026 report as copied)', () => {
    const result = importPlainText('下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年浙江省政府工作报告\n2026年1月14日在浙江省第十四届人民代表大会第四次会议上\n来源：浙江日报\n时间：2026-01-22\n浙江省省长 刘捷\n各位代表：\n现在，我代表省人民政府向大会作政府工作报告。\n相关报道：')
    expect(result.matter).toEqual({ title: '2026年浙江省政府工作报告', subtitle: '2026年1月14日在浙江省第十四届人民代表大会第四次会议上', source: '浙江日报', speaker: '浙江省省长　刘捷' })
    expect(result.notes.filter((n) => n.rule === 'import-note' && n.severity === 'warning').map((n) => n.line)).toEqual([1, 13, 17])
    expect(result.markdown).not.toContain('相关报道')
  })

  it('joins a title line that ends in 、 with the next, never taking it for a note above the title', () => {
    const result = importPlainText('在第18期入党积极分子培训班、\n第20期发展对象培训班开班典礼上的致辞\n（2026年 4月23日）\n亲爱的同学们：\n大家下午好！')
    expect(result.matter).toEqual({ title: '在第18期入党积极分子培训班、第20期发展对象培训班开班典礼上的致辞', date: '2026-04-23' })
  })

  it('sets joint issuers of a 落款 one under the other, and takes 附件1： alone for the start of an attachment', () => {
    const result = importPlainText('通知\n正文很长，有句号。\n绍兴市教育局办公室       绍兴市教育工会\n2020年5月 日\n附件1：\n参赛名额表\n表格内容很长，有句号。')
    expect(result.markdown).toContain('\n绍兴市教育局办公室\\\n绍兴市教育工会\n')
    expect(result.notes.filter((n) => n.rule === 'import-signature').map((n) => n.line)).toEqual([3, 4])
    expect(result.notes.find((n) => n.line === 5)?.message).toContain('当作附件的开始')
  })

  it('reads a subtitle over two lines, a bracketed occasion, a speaker with ×, and leaves a photo caption out', () => {
    const report = importPlainText('政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长 孟凡利\n各位代表：\n现在，我代表省人民政府向大会报告工作。')
    expect(report.matter).toMatchObject({ subtitle: '——2026年1月26日在广东省第十四届人民代表大会第五次会议上', speaker: '广东省省长　孟凡利' })
    const bracketed = importPlainText('政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n××省省长 ×××\n省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄\n各位代表：\n现在，我代表省人民政府向大会报告工作。')
    expect(bracketed.matter).toMatchObject({ subtitle: '（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）', speaker: '××省省长　×××' })
    expect(bracketed.notes.find((n) => n.line === 4)).toMatchObject({ rule: 'import-note', severity: 'warning' })
  })
})
