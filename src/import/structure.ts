/**
 * Structure detection for imported manuscripts (issue 4, typography.md TP-7 / EL-17): from the
 * paragraphs of a pasted speech or a Word file to the manuscript format — title, subtitle,
 * speaker and date in front matter, headings by level, run-in headings, bold lead sentences,
 * lists, attachments note, signature and date. It works from what a person sees in the text and
 * reports every guess with its line, so the author can check it. Pure: blocks in, Markdown out.
 */
import type { Heading, List, Paragraph, PhrasingContent, RootContent, Text } from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { toString } from 'mdast-util-to-string'
import { stringify } from 'yaml'
import { chineseNumber, parseChineseNumber, typedOrdinal, type TypedOrdinal } from '../text/ordinals.ts'
import { ATTACHMENT_LABEL, ATTACHMENT_NOTE, DATE_ALONE, findClosing, isSalutation, isSigner, runInHeadLength, SENTENCE_END } from '../text/document-lines.ts'
import type { ImportedMatter, ImportNote, ImportResult, MatterLines, SourceBlock, SourcePlace } from './source-blocks.ts'

/** 各科室应认真落实 · 全体人员须…… · 务必……: a requirement, said in a sentence, not a heading. */
const DIRECTIVE = /[\p{Script=Han}](?<![响适供反相对效呼顺回感理])(?:应当|应|须|务必)(?![对用急变运])\p{Script=Han}/u
/** A heading is at most this long (characters); longer numbered lines are paragraphs. */
const MAX_HEADING = 40
/** A bold lead sentence (要旗帜鲜明讲政治。) is at most this long. */
const MAX_LEAD = 20
const ENDS_WITH_SENTENCE = new RegExp(`(?:${SENTENCE_END.source})$`, 'u')
/** A line ending in one of these is running text, not a heading. */
const ENDS_LIKE_BODY = /[。！？；：，、…”’）)．.!?;:,]$/u
const LEVEL_NAMES = ['一级', '二级', '三级', '四级']
/** 一、引言 ........ 1 · 第一章　总则……3: a line of a table of contents typed into the text. */
const TOC_LINE = /(?:\.{3,}|…{2,}|·{3,}|-{3,}|\s{3,}|\u3000{2,})\s*\d{1,4}$/u
const BULLET = /^[•●◆◇■□▪▸►○※]\s*|^[-*]\s+/u
const TITLE_ENDINGS = /(讲话|发言|致辞|报告|意见|通知|通报|决定|决议|方案|办法|规定|规划|纲要|总结|汇报|提纲|体会|主持词|讲稿|党课|说明|公报|倡议书|纪要|记录|条例|细则|要点|计划|函|批复|请示|公告|通告|材料|讲义|选编|汇编)$/u
const POSITIONS = /(书记|主任|县长|市长|省长|区长|部长|局长|厅长|主席|委员|同志|秘书长|镇长|乡长|校长|院长|组长|经理|董事长)$/u

type Kind = 'paragraph' | 'heading' | 'bullet' | 'node' | 'attachment-note' | 'signature' | 'closing-date' | 'salutation' | 'document-title'

interface Item {
  block: SourceBlock
  text: string
  kind: Kind
  level?: number
  /** Heading came from a typed ordinal (not guessed). */
  numbered?: boolean
  /** Lines joined into this paragraph (an attachments note over several lines). */
  extra?: Item[]
  /** One of a numbered series of paragraphs (一抓……二抓……): bold all together or not at all. */
  series?: boolean
}

/** `fallbackTitle`: the title when the text has none (the file's name). */
export function structureToMarkdown(blocks: SourceBlock[], fallbackTitle = '未命名'): ImportResult {
  const notes: ImportNote[] = []
  const note = (block: SourceBlock, message: string, rule: string, severity?: 'warning') =>
    // With a line number the place is already in the diagnostic's location.
    notes.push({ ...(block.line ? { line: block.line } : {}), message: block.line ? message : `${block.where}：${message}`, rule, ...(severity ? { severity } : {}) })

  const items: Item[] = blocks
    .map((block) => ({ block, text: block.children ? toString({ type: 'paragraph', children: block.children }).trim() : '', kind: block.node ? ('node' as const) : ('paragraph' as const) }))
    .filter((item) => item.kind === 'node' || item.text !== '')
  const { matter, lines: matterLines } = readHeader(items, note, fallbackTitle)
  dropTypedContents(items, matterLines, note)
  const bodyEnd = markClosing(items, findBodyEnd(items), note)
  classify(items, bodyEnd, note)
  placeUnnumberedHeadings(items, bodyEnd, note)
  markLeadSentences(items, note)
  markSequences(items, note)
  const headings = items.filter((item) => item.kind === 'heading')
  if (headings.length && !headings.some((item) => typedOrdinal(item.text))) {
    // The author numbered none of the headings: the booklet adds no numbers of its own either.
    matter.numbering = 'keep'
    note(headings[0]!.block, '原稿的标题都没有编号，排版时也不加编号（要自动编号，删去前置信息中的 numbering: keep）', 'import-numbering')
  }
  return { ...serialize(matter, items), notes, matterLines }
}

type Note = (block: SourceBlock, message: string, rule: string, severity?: 'warning') => void

/** Lines a web page or an editor puts before the title: where the text is from, how it was taken. */
const SOURCE_LABEL = /^(?:资料来源|文章来源|信息来源|来源|出处|转自|摘自|选自|转载自)\s*[：:]\s*(.*)$/u
const DROPPED_LABEL = /^(?:正文|全文|原文|全文如下|正文如下|原文如下|内容如下|文件全文)\s*[：:]?$|^(?:发布时间|发布日期|发文日期|成文日期|发布机构|浏览次数|字号|点击数|阅读次数|【?打印】?|分享到)[：:]|^字号\s*[【\[]?\s*大\s*中\s*小|^(?:时间|日期)[：:]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u
const EDITORS_NOTE = /^(?:编者按|编者的话|编辑说明|编者注|按语)\s*[：:]|现摘录|摘录如下|摘编如下|现予?(?:转发|印发|刊发|刊登)|(?:特此|现)推荐|推荐(?:阅读|学习)|供(?:大家)?学习(?:参考)?|仅供(?:学习)?参考|转发如下|全文如下/u
/** （2026年1月27日在贵州省第十四届人民代表大会第四次会议上）: the occasion in brackets is a subtitle. */
const OCCASION = /^[（(].*在.{2,}(?:会议|大会|会|典礼|仪式|论坛|座谈会|报告会)(?:上|开幕式上|闭幕式上)(?:的(?:讲话|发言|报告|致辞))?[）)]$/u
/** 省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄: a newspaper photo's caption. */
const PHOTO_CAPTION = /(?:记者|摄影|通讯员)[\s\u3000]*[\p{Script=Han}、\s\u3000]{2,16}摄$|(?:记者|通讯员)[\s\u3000]*[\p{Script=Han}]{2,4}$|^(?:图为|图片|摄影)[：:]/u
/** 国发〔2026〕5号 · 中办发〔2024〕12号 · X政发[2026]5号 · 浙教办〔2012〕88号. */
export const DOC_NUMBER = /^[\p{Script=Han}A-Za-zＸ×]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$/u

/**
 * The title block: editor's notes (资料来源：…, 现摘录……) before the title, the title (one to three
 * lines), then subtitle, 发文字号, date or time/place line and speaker, in any order. The file's
 * name is never the title: when the first line does not read like one, it is the title all the
 * same, with a warning, unless it is a long paragraph (then the title is its opening words).
 */
function readHeader(items: Item[], note: Note, fallbackTitle: string): { matter: ImportedMatter; lines: MatterLines } {
  const lines: MatterLines = {}
  const record = (field: keyof MatterLines, item: Item) => (lines[field] ??= []).push(placeOf(item.block))
  const matter: ImportedMatter = { title: fallbackTitle }
  const notes: string[] = []
  while (items.length > 1 && items[0]!.kind !== 'node' && !items[0]!.block.styleRole && editorsLine(items[0]!.text)) {
    const item = items.shift()!
    const source = SOURCE_LABEL.exec(item.text)
    if (source && source[1] && !matter.source) {
      matter.source = source[1].trim()
      record('source', item)
      note(item.block, `标题前的来源说明，印在标题下：${item.text}`, 'import-note')
    } else if (DROPPED_LABEL.test(item.text)) {
      record('note', item)
      note(item.block, `标题前的“${item.text}”是网页或编辑加的标签，没有排入`, 'import-note', 'warning')
    } else {
      notes.push(item.text)
      record('note', item)
      note(item.block, `标题前的编者说明，以小字排在标题上方：${item.text}`, 'import-note')
    }
  }
  if (notes.length) matter.note = notes.join('')
  // An over-title that is no part of the title (绍兴一中党委理论学习中心组学习材料第二专题) above a
  // title that names the document: an editor's note.
  const over = overTitle(items)
  if (over) {
    for (const item of items.splice(0, over)) {
      notes.push(item.text)
      record('note', item)
      note(item.block, `标题上方的说明，以小字排在标题上方：${item.text}`, 'import-note')
    }
    matter.note = notes.join('')
  }
  const first = items[0]
  if (!first || first.kind === 'node') return { matter, lines }
  const count = titleLineCount(items)
  const candidate = items.slice(0, count).map((item) => item.text).join('')
  // A single line is a paragraph, not a title over nothing — unless it names itself a document.
  const alone = items.length === 1 && !(/^关于/u.test(first.text) && TITLE_ENDINGS.test(first.text)) && !(isSigner(first.text) && !/^[\p{Script=Han}]{2,4}$/u.test(first.text))
  if (!looksLikeTitle({ ...first, text: candidate }) || alone) {
    // The file's name is no title (it is often 新建文本文档 or 讲话稿2): the opening words of the text are.
    const opening = items.find((item) => item.kind === 'paragraph' && !isSalutation(item.text)) ?? first
    const words = firstSentence(opening.text).replace(/[。！？，；：:]$/u, '')
    matter.title = [...words].length > 24 ? `${[...words].slice(0, 24).join('')}……` : words
    note(first.block, `稿件开头没有标题（第一行“${[...first.text].slice(0, 12).join('')}${[...first.text].length > 12 ? '……' : ''}”不是标题），标题暂取开头的文字“${matter.title}”：请在开头补上标题`, 'import-title', 'warning')
    return { matter, lines }
  }
  const titleLines = items.splice(0, count)
  matter.title = titleLines.map((l) => l.text.replace(/[\s\u3000]+/gu, (space, at: number, all: string) => (/[A-Za-z0-9]/u.test(all[at - 1] ?? '') && /[A-Za-z0-9]/u.test(all[at + space.length] ?? '') ? ' ' : '　'))).join('')
  for (const line of titleLines) record('title', line)
  note(first.block, titleLines.length > 1 ? `和下面 ${titleLines.length - 1} 行合为标题（标题分行书写）：${matter.title}` : `当作标题：${matter.title}`, 'import-title')
  // Labels and captions a web page puts there do not count against the five lines of the block.
  for (let taken = 0; taken < 5 && items[0] && items[0].kind !== 'node' && !items[0].block.styleLevel; taken++) {
    const item = items[0]
    const { block, text } = item
    if (!matter.subtitle && (/^(——|－－|--|—)/u.test(text) || block.styleRole === 'subtitle' || OCCASION.test(text))) {
      matter.subtitle = text.replace(/^(－－|--|—(?!—))/u, '——')
      record('subtitle', item)
      // ——2026年1月26日在广东省第十四届 / 人民代表大会第五次会议上: the occasion over two lines.
      const rest = items[1]
      if (rest && rest.kind === 'paragraph' && !/(上|讲话|发言|致辞|报告)[）)]?$/u.test(text) && [...rest.text].length <= 30 && /(上|会上|讲话|发言|致辞|报告)[）)]?$/u.test(rest.text) && !ENDS_LIKE_BODY.test(rest.text.replace(/[）)]$/u, ''))) {
        matter.subtitle += rest.text
        record('subtitle', rest)
        items.splice(1, 1)
      }
      note(block, `当作副标题：${matter.subtitle}`, 'import-subtitle')
    } else if (!matter.docNumber && DOC_NUMBER.test(text.replace(/\s+/gu, ''))) {
      matter.docNumber = text.replace(/\s+/gu, '')
      record('docNumber', item)
      note(block, `当作发文字号：${text}`, 'import-doc-number')
    } else if (!matter.date && !matter.place && dateLine(text)) {
      Object.assign(matter, dateLine(text))
      record('date', item)
      note(block, `当作日期行：${text}`, 'import-date')
    } else if (SOURCE_LABEL.exec(text)?.[1] && !matter.source) {
      matter.source = SOURCE_LABEL.exec(text)![1]!.trim()
      record('source', item)
      note(block, `当作来源说明，印在标题下：${text}`, 'import-note')
      taken--
    } else if (DROPPED_LABEL.test(text) || PHOTO_CAPTION.test(text)) {
      record('note', item)
      note(block, `“${text}”是网页上的标签或图片说明，没有排入`, 'import-note', 'warning')
      taken--
    } else if (!matter.speaker && looksLikeSpeaker(text) && !isSalutation(text)) {
      matter.speaker = text.replace(/[\s\u3000]+/gu, '　')
      record('speaker', item)
      note(block, `当作讲话人：${text}`, 'import-speaker')
    } else break
    items.shift()
  }
  return { matter, lines }
}

/** A line before the title that an editor or a web page put there, not the document. */
function editorsLine(text: string): boolean {
  return SOURCE_LABEL.test(text) || DROPPED_LABEL.test(text) || PHOTO_CAPTION.test(text) || ([...text].length <= 120 && EDITORS_NOTE.test(text))
}

function looksLikeTitle(item: Item): boolean {
  if (item.block.styleRole === 'title') return true
  const { text } = item
  const length = [...text].length
  if (ENDS_LIKE_BODY.test(text) || typedOrdinal(text) || isDateAlone(text) || DOC_NUMBER.test(text) || ATTACHMENT_NOTE.test(text)) return false
  // 中共中央 国务院关于……的意见 runs long; a title says what it is at its end.
  return length <= 40 || (length <= 80 && (TITLE_ENDINGS.test(text) || /^(关于|在)/u.test(text)))
}

/**
 * How many lines the title is written over (one to three): 在全县党务工作会议 / 上的讲话;
 * 国务院办公厅关于山西、安徽省 / 四起特大煤矿瓦斯爆炸事故 / 调查处理情况的通报; 关于认真学习贯彻 /
 * 习近平总书记重要讲话 / 精神的通知; 中共中央　国务院 / 关于……的意见. A title is complete once a
 * line ends in what the document is (通知, 意见, 讲话 …); lines after it belong to it only until then.
 */
function titleLineCount(items: Item[]): number {
  const first = items[0]!
  if (first.block.styleRole === 'title') {
    let count = 1
    while (count < 3 && items[count]?.block.styleRole === 'title') count++
    return count
  }
  if (TITLE_ENDINGS.test(first.text) && !/^关于/u.test(first.text)) return 1
  const candidates: Item[] = []
  for (const next of items.slice(1, 3)) {
    if (next.kind === 'node' || !mayContinueTitle(next)) break
    candidates.push(next)
  }
  for (let k = candidates.length; k >= 1; k--) {
    const lines = [first, ...candidates.slice(0, k)].map((item) => item.text)
    const whole = lines.join('')
    // Every line but the last leaves the title open; the last one closes it.
    const open = lines.slice(0, -1).every((line) => !TITLE_ENDINGS.test(line) || /^关于/u.test(whole) && !/的[^的]{1,10}$/u.test(line))
    const closes = TITLE_ENDINGS.test(lines.at(-1)!)
    // 在……会议 / 上的讲话: a speech title is not complete before its 上的讲话.
    const speech = /^在/u.test(whole) && /(上|会上)的?(讲话|发言|致辞|报告|总结讲话|主持词)$/u.test(whole)
    if (open && (closes || speech)) return k + 1
  }
  // 中共中央　国务院 / 关于……: the issuers over a title that goes on.
  if (candidates[0] && /^关于/u.test(candidates[0].text) && isSigner(first.text)) return 2
  // 不忘初心担使命　传承博雅谱新篇 / 奋力开创……新局面 / ——在……上的讲话: short lines up to the subtitle.
  for (let k = candidates.length; k >= 1; k--) {
    const after = items[k + 1]
    const lines = [first, ...candidates.slice(0, k)]
    const opensBlock = after && after.kind !== 'node' && (/^(——|－－)/u.test(after.text) || OCCASION.test(after.text) || (/^[（(]/u.test(after.text) && dateLine(after.text)))
    if (opensBlock && lines.every((line) => [...line.text].length <= 24 && !ENDS_LIKE_BODY.test(line.text) && !isSigner(line.text))) return k + 1
  }
  return 1
}

/**
 * Lines above the title that are not part of it: a line that does not name a document, right
 * above one that does (学习材料第二专题 / 习近平：在党史学习教育动员大会上的讲话). Issuers over
 * a title (中共中央　国务院 / 关于……) are part of it.
 */
function overTitle(items: Item[]): number {
  const [first, second] = items
  if (!first || !second || first.kind === 'node' || second.kind === 'node' || first.block.styleRole) return 0
  if (TITLE_ENDINGS.test(first.text) || isSigner(first.text) || typedOrdinal(first.text) || /[。！？；：，]$/u.test(first.text)) return 0
  // The title below may carry its speaker: 习近平：在……上的讲话.
  const below = second.text.replace(/^[\p{Script=Han}·]{2,4}[：:]/u, '')
  if (!looksLikeTitle({ ...second, text: below }) || ENDS_LIKE_BODY.test(below)) return 0
  const rest = items.slice(1)
  const title = rest.slice(0, titleLineCount(rest)).map((item) => item.text).join('')
  // What marks an editor's line: a study series (学习材料第二专题, 第3期), or a remark in brackets.
  const editors = /学习(?:资料|材料)|专题|汇编|读本|第[一二三四五六七八九十\d]+[期辑]|[（(].+[）)]$/u.test(first.text)
  return TITLE_ENDINGS.test(title) && (editors || titleLineCount(items) === 1) ? 1 : 0
}

/** A line that can be part of a title written over several lines: short, no sentence, no label. */
function mayContinueTitle(next: Item): boolean {
  const b = next.text
  return !([...b].length > 40 || /^目\s*录$/u.test(b) || ENDS_LIKE_BODY.test(b) || typedOrdinal(b) || /^(——|－－|--|[（(])|[：:]/u.test(b) || next.block.styleLevel || dateLine(b) || DOC_NUMBER.test(b) || isSalutation(b) || (looksLikeSpeaker(b) && !TITLE_ENDINGS.test(b) && !isSigner(b)))
}

const ARABIC_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/u
const CHINESE_DATE = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?/u

/** A date written out in a line, as `2026-03-05` (or `2026-03`). */
function findDate(text: string): { date: string; match: string } | undefined {
  const arabic = ARABIC_DATE.exec(text)
  if (arabic) return { date: isoDate(Number(arabic[1]), Number(arabic[2]), arabic[3] ? Number(arabic[3]) : undefined), match: arabic[0] }
  const chinese = CHINESE_DATE.exec(text)
  if (!chinese) return undefined
  const year = Number([...chinese[1]!].map((d) => '〇一二三四五六七八九'.indexOf(d === '零' ? '〇' : d)).join(''))
  const small = (s: string) => Array.from({ length: 31 }, (_, i) => i + 1).find((n) => chineseNumber(n) === s)
  const month = small(chinese[2]!)
  const day = chinese[3] ? small(chinese[3]) : undefined
  return month ? { date: isoDate(year, month, day), match: chinese[0] } : undefined
}

function isoDate(year: number, month: number, day?: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}-${pad(month)}${day ? `-${pad(day)}` : ''}`
}

/** `（2026年3月5日）`, `（2026年3月5日，根据录音整理）`, `2026年3月5日`. */
function dateLine(text: string): { date?: string; place?: string } | undefined {
  if (typedOrdinal(text)) return undefined
  const bracketed = /^[（(](.+)[）)]$/u.exec(text)
  const inner = bracketed ? bracketed[1]!.trim() : text
  if ([...inner].length > 40 || SENTENCE_END.test(inner)) return undefined
  const found = findDate(inner)
  if (!found) return bracketed ? { place: inner } : undefined
  const place = inner.replace(found.match, '').replace(/^[\s，,、]+|[\s，,、]+$/gu, '')
  if (!bracketed && place) return undefined
  return { date: found.date, ...(place ? { place } : {}) }
}

/** 张三 · 县委书记　张三 · 县委副书记、县长　李明华 · 区委常委、宣传部部长 陈静. */
function looksLikeSpeaker(text: string): boolean {
  if ([...text].length > 30 || /[。，；：！？]/u.test(text) || typedOrdinal(text)) return false
  // The name may be spaced out to the width of a longer one: 王　琛, 王 琛.
  const positionAndName = /^(.+?)[\s\u3000]+([\p{Script=Han}·×](?:[\s\u3000]?[\p{Script=Han}·×]){1,3}(?:同志)?)$/u.exec(text)
  if (positionAndName && !/[\s\u3000]/u.test(positionAndName[1]!.trim())) {
    return !positionAndName[1]!.includes('、') || POSITIONS.test(positionAndName[1]!.replace(/[\s\u3000]+/gu, ''))
  }
  if (text.includes('、') || /^(目\s*录|前\s*言|序\s*言|引\s*言|正\s*文|附\s*件|说\s*明|按\s*语|摘\s*要|提\s*要|导\s*语|结\s*语)$/u.test(text)) return false
  return POSITIONS.test(text) || /^[\p{Script=Han}·×](?:[\s\u3000]{0,2}[\p{Script=Han}·×]){1,3}$/u.test(text)
}

function isDateAlone(text: string): boolean {
  return DATE_ALONE.test(text)
}

/**
 * A table of contents typed into the text (目录 / 一、引言……1 / 二、……): the booklet makes its
 * own with real page numbers, so the typed one is left out, and said so.
 */
function dropTypedContents(items: Item[], lines: MatterLines, note: Note): void {
  for (let i = 0; i < items.length; i++) {
    const heading = items[i]!.kind === 'paragraph' && /^目\s*录$/u.test(items[i]!.text) ? 1 : 0
    let end = i + heading
    while (items[end]?.kind === 'paragraph' && TOC_LINE.test(items[end]!.text)) end++
    if (end - i - heading < 2) continue
    const dropped = items.splice(i, end - i)
    for (const item of dropped) (lines.toc ??= []).push(placeOf(item.block))
    note(dropped[0]!.block, `这 ${dropped.length} 行是手写的目录，没有排入正文：小册子的目录按实际页码自动生成`, 'import-toc', 'warning')
    i--
  }
}

/** The body ends where an attachment (附件1 on its own line) begins. */
function findBodyEnd(items: Item[]): number {
  const label = items.findIndex((item, i) => item.kind !== 'node' && ATTACHMENT_LABEL.test(item.text) && !listsAttachments(items, i))
  return label >= 0 ? label : items.length
}

/**
 * 附件 (or 附件1) alone on a line with the attachments' names under it (1.报名表 / 2.……) and
 * nothing else after them: an attachments note typed without its colon, not an attachment.
 */
function listsAttachments(items: Item[], i: number): boolean {
  const rest = items.slice(i + 1).filter((item) => item.kind !== 'node')
  return rest.length > 0 && rest.every((item, k) => typedOrdinal(item.text)?.level === 3 && typedOrdinal(item.text)?.value === k + 1 && [...item.text].length <= 40 && !SENTENCE_END.test(item.text))
}

/**
 * Signature and date at the end of the body (EL-15), found as the pipeline finds them to set
 * them; a document carried after the 落款 (the 方案 a notice issues) begins with its title.
 */
function markClosing(items: Item[], bodyEnd: number, note: Note): number {
  const { signature, date, next } = findClosing(items.slice(0, bodyEnd).map((item) => (item.kind === 'paragraph' ? item.text : undefined)))
  if (date !== undefined) {
    items[date]!.kind = 'closing-date'
    note(items[date]!.block, `当作成文日期（落款）：${items[date]!.text}`, 'import-signature')
  }
  if (signature !== undefined) {
    items[signature]!.kind = 'signature'
    note(items[signature]!.block, `当作署名（落款）：${items[signature]!.text}`, 'import-signature')
  }
  if (next === undefined) return bodyEnd
  items[next]!.kind = 'document-title'
  note(items[next]!.block, `落款之后另起一篇（如通知印发的方案），当作它的标题：${items[next]!.text}`, 'import-attachment')
  return next
}

function classify(items: Item[], bodyEnd: number, note: Note): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind !== 'paragraph') continue
    const { block, text } = item
    if (items.findIndex((other) => other.kind !== 'node') === i && isSalutation(text)) {
      item.kind = 'salutation'
      note(block, `当作称呼语（顶格）：${text}`, 'import-salutation')
      continue
    }
    if (ATTACHMENT_NOTE.test(text) || (ATTACHMENT_LABEL.test(text) && listsAttachments(items, i))) {
      item.kind = 'attachment-note'
      item.extra = []
      // Further attachments follow on their own lines: 2．××× — part of the note, not headings, as
      // long as their numbers go on from the note's last one (4．after 1．2．is something else).
      let last = Math.max(0, ...[...text.matchAll(/(\d+)\s*[.．、]/gu)].map((m) => Number(m[1])))
      for (;;) {
        const next = items[i + 1]
        const numbers = next?.kind === 'paragraph' && !SENTENCE_END.test(next.text) ? [...next.text.matchAll(/(?:^|\s)(\d+)\s*[.．、]/gu)].map((m) => Number(m[1])) : []
        if (!numbers.length || !/^\d/u.test(next!.text) || numbers.some((n, k) => n !== last + k + 1)) break
        last = numbers.at(-1)!
        item.extra.push(items.splice(i + 1, 1)[0]!)
      }
      note(block, `当作附件说明${item.extra.length ? `（连同下面 ${item.extra.length} 行）` : ''}`, 'import-attachment')
      continue
    }
    if (i >= bodyEnd && ATTACHMENT_LABEL.test(text)) {
      note(block, `当作附件的开始（此后是附件正文）：${text}`, 'import-attachment')
      continue
    }
    if (BULLET.test(text)) {
      item.kind = 'bullet'
      continue
    }
    if (block.styleLevel) {
      const ordinal = typedOrdinal(text)
      item.kind = 'heading'
      item.level = ordinal?.level ?? block.styleLevel
      item.numbered = ordinal !== undefined
      item.block = { ...block, children: unwrapLead(block.children ?? []) }
      if (!ordinal) note(block, `按 Word 的标题样式当作${LEVEL_NAMES[item.level - 1]}标题：${text}`, 'import-heading')
      continue
    }
    const ordinal = typedOrdinal(text)
    if (!ordinal) continue
    if (numeralSeries(text, ordinal.text)) {
      note(block, `开头的“${text.slice(0, ordinal.text.length + 3)}”是并列的数词（如“一、二季度”），不是标题编号`, 'import-numbered-paragraph')
      continue
    }
    const role = numberedLine(items, i, ordinal)
    if (role.heading) {
      item.block = { ...block, children: unwrapLead(block.children ?? []) }
      item.kind = 'heading'
      item.level = ordinal.level
      item.numbered = true
      if (role.head.length < text.length) {
        note(block, `编号标题后接正文，排为接排标题：${role.head}`, 'import-run-in')
        if (ordinal.level === 1) splitLevelOneRunIn(items, i, role.head.length)
      }
    } else {
      note(block, `有编号“${ordinal.text.trim()}”，但${role.why}，保留为正文段落（编号照原样）`, 'import-numbered-paragraph', role.quiet ? undefined : 'warning')
    }
  }
}

/** The numbered lines from the first of this run of siblings follow a sentence that ends in a colon. */
function listLeadIn(items: Item[], i: number, ordinal: TypedOrdinal): boolean {
  let first = i
  for (let value = ordinal.value; value > 1; value--) {
    const before = items[first - 1]
    const typed = before?.kind === 'paragraph' ? typedOrdinal(before.text) : undefined
    if (typed?.level !== ordinal.level || typed.value !== value - 1) return false
    first--
  }
  const intro = items[first - 1]
  return intro !== undefined && intro.kind === 'paragraph' && /[：:]$/u.test(intro.text) && !typedOrdinal(intro.text) && !isSalutation(intro.text)
}

/**
 * Whether a line with a typed number is a heading, and how much of it (a run-in heading's lead),
 * as a reader tells: a heading names its part in a short phrase — 一、总体要求 · （一）加强组织领导。
 * and the body after it · 1.“四上”企业： and its explanation on the next line. A numbered line that
 * is a sentence of its own among numbered sentences (1.在……中删除……。 2.……) is an item of a list,
 * and so is one ending in ；or ，: body text that keeps its number.
 */
function numberedLine(items: Item[], i: number, ordinal: TypedOrdinal): { heading: true; head: string } | { heading: false; why: string; quiet?: boolean } {
  const { text } = items[i]!
  const rest = text.slice(ordinal.text.length)
  const length = [...text].length
  if (/[；;]$/u.test(text)) return { heading: false, why: '以分号结尾，是列举的一项', quiet: true }
  if (/[，,、]$/u.test(text)) return { heading: false, why: '以逗号结尾，句子没有完' }
  // The sentence is looked for after the number: the point of 一. is no full stop.
  const runIn = runInHeadLength(rest)
  if (runIn !== undefined) {
    const head = ordinal.text + rest.slice(0, runIn)
    if (DIRECTIVE.test(head)) return { heading: false, why: '第一句是一项要求（应……、须……），不像标题' }
    return [...head].length <= MAX_HEADING ? { heading: true, head } : { heading: false, why: '第一句太长，不像标题' }
  }
  const next = items.slice(i + 1).find((item) => item.kind !== 'node')
  const nextOrdinal = next && next.kind === 'paragraph' ? typedOrdinal(next.text) : undefined
  const previous = items.slice(0, i).reverse().find((item) => item.kind !== 'node')
  const previousOrdinal = previous ? typedOrdinal(previous.text) : undefined
  const nextSibling = nextOrdinal?.level === ordinal.level && nextOrdinal.value === ordinal.value + 1
  const previousItem = previous?.kind === 'paragraph' && previousOrdinal?.level === ordinal.level && previousOrdinal.value === ordinal.value - 1
  if (!ENDS_LIKE_BODY.test(text)) {
    // 学习内容如下： / 1.学习党章 / 2.学习准则: items a sentence leads into, not headings over nothing.
    if ((nextSibling || previousItem) && listLeadIn(items, i, ordinal)) return { heading: false, why: '是上文冒号引出的列举的一项', quiet: true }
    // Past 40 字 a heading is one clause (……城市群); 本规划是……，全体人员须…… is a sentence without its full stop.
    const clauses = (rest.match(/[，,；;]/gu) ?? []).length
    if (DIRECTIVE.test(rest)) return { heading: false, why: '是一项要求（应……、须……），不像标题' }
    return length <= 40 || (length <= 60 && clauses === 0) ? { heading: true, head: text } : { heading: false, why: '太长，不像标题' }
  }
  if (/[：:]$/u.test(text)) {
    // 1.“四上”企业： with its explanation below; not （二）……必须同时具备以下条件： before a list.
    const explained = !next || (next.kind === 'paragraph' && !(nextOrdinal?.level === ordinal.level))
    return length <= 20 && !/[，,]/u.test(text) && explained ? { heading: true, head: text } : { heading: false, why: '以冒号结尾，引出下文' }
  }
  if (!ENDS_WITH_SENTENCE.test(text)) return { heading: false, why: '以标点结尾，不像标题' }
  // A heading names a part; it does not ask its reader (请……, 务必……), set a time (9：30) or
  // state figures (增长达到100%，编号为AI-001).
  if (/请|务必|\d[：:]\d/u.test(rest) || DIRECTIVE.test(rest)) return { heading: false, why: '是一句要求或通知事项' }
  if ((rest.match(/\d+(?:\.\d+)?%?|[A-Za-z]{2,}/gu) ?? []).length >= 2) return { heading: false, why: '是陈述数字的一句话' }
  // A sentence on its own line: the heading of what follows, or one item of a numbered list.
  const inList = nextSibling || (previousItem && ENDS_WITH_SENTENCE.test(previous!.text))
  if (inList) return { heading: false, why: '是一句完整的话，与前后编号的句子并列，是列举的一项', quiet: true }
  // （一）久久为功推动粤港澳大湾区建设，打造……城市群。 is a heading; three clauses are a paragraph.
  const clauses = (rest.match(/[，,；;]/gu) ?? []).length
  return length <= 60 && clauses <= 1 && [...firstSentence(rest)].length === [...rest].length ? { heading: true, head: text } : { heading: false, why: '句子太长，不像标题' }
}

/** 一、二季度 / 三、四月份 / 一、二、三产业: numerals in a series, not an ordinal and its heading. */
function numeralSeries(text: string, ordinal: string): boolean {
  const series = /^([一二三四五六七八九十]+)(?:、[一二三四五六七八九十]+)*(季度|月份?|年级?|产业|等奖?|类|线|级|批|次|期|号|档|星|个|项|条)/u.exec(text.slice(ordinal.length))
  // 一、二季度 counts on (1, 2); 一、一级标题 is a heading about level one.
  return /、$/u.test(ordinal.trim()) && series !== null && parseChineseNumber(series[1]!) === (parseChineseNumber(ordinal.replace(/[、\s]/gu, '')) ?? 0) + 1
}

/** Text up to and including the first sentence end (。！？ or a half-width one), or all of it. */
function firstSentence(text: string): string {
  const end = SENTENCE_END.exec(text)
  return end ? text.slice(0, end.index + end[0].length) : text
}

/**
 * A heading typed in bold in Word (**一、充分肯定成绩**, **（一）加强领导。**各单位要……): the
 * heading is set in its own face, so the bold run that holds its number is taken apart, and the
 * number is seen as the heading's own.
 */
function unwrapLead(children: PhrasingContent[]): PhrasingContent[] {
  const [first, second] = children
  if (first && (first.type === 'strong' || first.type === 'emphasis')) return unwrapLead([...first.children, ...children.slice(1)])
  // 一、**充分肯定成绩**: Word's own number (typed out) before the bold heading text.
  if (first?.type === 'text' && typedOrdinal(first.value)?.text === first.value && second && (second.type === 'strong' || second.type === 'emphasis')) {
    return [first, ...second.children, ...children.slice(2)]
  }
  return children
}

/** A level-1 heading stands on its own line (EL-2): the body after its first sentence becomes the next paragraph. */
function splitLevelOneRunIn(items: Item[], index: number, headLength: number): void {
  const item = items[index]!
  const split = splitChildren(item.block.children ?? [], headLength)
  if (!split) return
  item.block = { ...item.block, children: split.head }
  item.text = toString({ type: 'paragraph', children: split.head })
  items.splice(index + 1, 0, { block: { ...item.block, children: split.tail }, text: toString({ type: 'paragraph', children: split.tail }), kind: 'paragraph' })
}

/**
 * Short lines with no sentence-final mark that are followed by body text are headings without
 * a number. Their level comes from their numbered siblings: right under a heading they are its
 * children; a later number (二、 after an unnumbered first heading) shows the level it stands for;
 * otherwise they continue the level of the heading before them.
 */
function placeUnnumberedHeadings(items: Item[], bodyEnd: number, note: Note): void {
  const numbered = items.filter((item) => item.kind === 'heading' && item.numbered)
  const topLevel = numbered.length ? Math.min(...numbered.map((item) => item.level!)) : 1
  const guessed: Item[] = []
  for (let i = 0; i < Math.min(bodyEnd, items.length); i++) {
    const item = items[i]!
    if (item.kind !== 'paragraph') continue
    // A label line (会议时间：… 地点：…) or fields set apart by spaces is no heading.
    if ([...item.text].length > MAX_HEADING || ENDS_LIKE_BODY.test(item.text) || /^(——|－－)|[：:]|\S[\s\u3000]{2,}\S/u.test(item.text)) continue
    // A date, a 发文字号, a line of a typed table of contents or a bare number is never a heading.
    if (isDateAlone(item.text) || DOC_NUMBER.test(item.text) || TOC_LINE.test(item.text) || !/\p{Script=Han}{2}/u.test(item.text)) continue
    // A numbered line kept as body text (an item of a list) stays body: its number was weighed.
    if (typedOrdinal(item.text)) continue
    const next = items[i + 1]
    const followedByBody = next && (next.kind === 'heading' ? next.numbered : next.kind === 'paragraph' && (ENDS_LIKE_BODY.test(next.text) || [...next.text].length > MAX_HEADING))
    if (!followedByBody) continue
    const previous = lastHeadingBefore(items, i)
    // Under a level-4 heading there is no level 5: 1)报名 and the like are items of body text.
    if (previous && items[i - 1] === previous.item && previous.item.level === 4) continue
    if (/^(\d{1,2}\s*[)）]|[①-⑳])/u.test(item.text)) continue
    let level: number
    let why: string
    const child = next.kind === 'heading' && next.numbered ? typedOrdinal(next.text) : undefined
    if (child && child.value === 1 && child.level > 1 && (!previous || previous.item.level! >= child.level - 1)) {
      // “十四五”时期工作回顾 / （一）……: the heading over a run that starts at （一） is one level up.
      level = child.level - 1
      why = `下面紧接着从“${child.text.trim()}”编起的${LEVEL_NAMES[child.level - 1]}标题`
    } else {
      const later = nextNumberedHeadingAfter(items, i)
      if (later && later.value > 1 && siblingsBefore(items, i, later.level) === later.value - 2) {
        level = later.level
        why = `后面的同级标题从“${typedOrdinal(later.item.text)!.text.trim()}”编起`
      } else if (!previous && later && later.value === 1 && later.level > 1) {
        // The first heading, over numbered ones that start at （一）: their parent.
        level = later.level - 1
        why = `是正文中的第一个标题，后面的“${typedOrdinal(later.item.text)!.text.trim()}”在它之下`
      } else if (previous && items[i - 1] === previous.item && (previous.item.level === 1 || numbered.length === 0)) {
        // Right under a part's heading (一、总体要求 / 指导思想): its child.
        level = Math.min(previous.item.level! + 1, 4)
        why = `紧接在“${previous.item.text}”之下`
      } else if (guessed.length) {
        // Like the last heading found without a number: 指导思想 … 基本原则; “十四五”时期工作回顾 … 2026年重点工作.
        level = guessed.at(-1)!.level!
        why = `与前面同样没有编号的“${guessed.at(-1)!.text}”同级`
      } else {
        // Outside the author's numbered scheme (相关说明 after 二、…（一）…): a part of the top level.
        level = topLevel
        why = previous ? '不在原稿的编号序列中，与最高一级标题同级' : '是正文中的第一个标题'
      }
    }
    item.kind = 'heading'
    item.level = level
    guessed.push(item)
    note(item.block, `没有编号，但像标题（短、无句末标点、后接正文），${why}，当作${LEVEL_NAMES[level - 1]}标题：${item.text}`, 'import-heading')
  }
}

function lastHeadingBefore(items: Item[], index: number) {
  for (let i = index - 1; i >= 0; i--) if (items[i]!.kind === 'heading') return { item: items[i]! }
  return undefined
}

function nextNumberedHeadingAfter(items: Item[], index: number) {
  for (let i = index + 1; i < items.length; i++) {
    const item = items[i]!
    if (item.kind === 'heading' && item.numbered) return { item, level: item.level!, value: typedOrdinal(item.text)?.value ?? 1 }
  }
  return undefined
}

/** Headings of `level` (numbered or already placed) since the last heading above that level. */
function siblingsBefore(items: Item[], index: number, level: number): number {
  let count = 0
  for (let i = index - 1; i >= 0; i--) {
    const item = items[i]!
    if (item.kind !== 'heading') continue
    if (item.level! < level) break
    if (item.level === level) count++
  }
  return count
}

/**
 * Parallel paragraphs that open with a short sentence — 要旗帜鲜明讲政治。… 要一以贯之守规矩。… —
 * get their lead sentence in bold (set in 黑体): the speech's own sub-points, kept word for word.
 * Parallel means the same opening character, or the same shape (length within two characters and
 * the same punctuation); or, as government reports write them, three or more paragraphs in a row
 * that each open with a short call to action (推动投资回稳向好。稳定基础设施投资……) and go on at
 * length. A lone short first sentence, or a statement (党是……。), is not a lead. A numbered series
 * (一抓……二抓……, 一要……二要……) is treated as one: every lead in bold, or none.
 */
function markLeadSentences(items: Item[], note: Note): void {
  const bold = (run: Item[], why: string) => {
    for (const item of run) {
      const lead = firstSentence(item.text)
      if (embolden(item, [[0, lead.length]])) note(item.block, `${why}，加粗为引领句：${lead}`, 'import-lead')
    }
  }
  const runs = consecutive(items, (item) => (item.kind === 'paragraph' && plainText(item) ? seriesWord(item.text) : undefined))
  for (const run of runs.filter((r) => r.length >= 2)) {
    // All or none: a series whose every lead is a short sentence of its own is bold throughout.
    const leads = run.map((item) => firstSentence(item.text))
    if (leads.every((lead) => ENDS_WITH_SENTENCE.test(lead) && [...lead].length <= 30 && lead.length < run[0]!.text.length)) bold(run, `“${leads.map((l) => l.slice(0, 2)).join('、')}”是并列的分项`)
    for (const item of run) item.series = true
  }
  let run: Item[] = []
  const flush = () => {
    const callsToAction = run.length >= 3 && run.every((item) => actionLead(item))
    if (run.length >= 2 && (callsToAction || run.every((item, k) => k === 0 || parallel(leadSentence(run[k - 1]!.text)!, leadSentence(item.text)!)))) bold(run, '段首短句与相邻段落并列')
    else if (run.length >= 2) {
      // The parallel ones within: the old pairing, for runs that mix a statement with the points.
      let part: Item[] = []
      for (const item of run) {
        if (part.length && !parallel(leadSentence(part.at(-1)!.text)!, leadSentence(item.text)!)) {
          if (part.length >= 2) bold(part, '段首短句与相邻段落并列')
          part = []
        }
        part.push(item)
      }
      if (part.length >= 2) bold(part, '段首短句与相邻段落并列')
    }
    run = []
  }
  for (const item of items) {
    const lead = item.kind === 'paragraph' && !item.series && plainText(item) ? leadSentence(item.text) : undefined
    if (!lead) flush()
    else run.push(item)
  }
  flush()
}

/** 一抓 / 二抓, 一要 / 二要, 首先 / 其次: the word a numbered series opens its paragraphs with. */
function seriesWord(text: string): string | undefined {
  const numbered = /^[一二三四五六七八九十]{1,2}(要|抓|把|靠|在|讲|看|个|重|强|建|促|提|推)/u.exec(text)
  if (numbered) return numbered[1]
  return /^(首先|其次|再次|第[一二三四五六七八九十]+)[，,]/u.test(text) ? '次序' : undefined
}

/** Groups of neighbouring items that give the same key. */
function consecutive(items: Item[], key: (item: Item) => string | undefined): Item[][] {
  const groups: Item[][] = []
  let last: string | undefined
  for (const item of items) {
    const k = key(item)
    if (k !== undefined && k === last) groups.at(-1)!.push(item)
    else if (k !== undefined) groups.push([item])
    last = k
  }
  return groups
}

/** A short call to action that a long paragraph then carries out: 推动投资回稳向好。…… */
function actionLead(item: Item): boolean {
  const lead = leadSentence(item.text)
  return lead !== undefined && !/[是我你他她]|大家|今年|去年|目前|当前/u.test(lead) && item.text.length >= lead.length * 3
}

/** The short first sentence of a paragraph (or the whole of a one-sentence paragraph). */
function leadSentence(text: string): string | undefined {
  const lead = firstSentence(text)
  if (!ENDS_WITH_SENTENCE.test(lead) || [...lead].length > MAX_LEAD) return undefined
  return /^[一二三四五六七八九十]是/u.test(lead) ? undefined : lead
}

/**
 * 要旗帜鲜明讲政治。/ 要一以贯之守规矩。 share their opening word; 组织工作要选人才、强队伍，夯实基础。/
 * 宣传工作要把方向、浓氛围，提振精神。 share their shape (the same marks, lengths within two) and a
 * word in the same place (工作要). 去年我们干得不错。/ 今年形势更复杂。 share neither.
 */
function parallel(a: string, b: string): boolean {
  if (a[0] === b[0]) return true
  const marks = (s: string) => s.replace(/[^、，；：。！？]/gu, '')
  if (marks(a) !== marks(b) || Math.abs([...a].length - [...b].length) > 2) return false
  for (let i = 0; i + 2 <= Math.min(a.length, b.length); i++) if (a.slice(i, i + 2) === b.slice(i, i + 2) && /\p{Script=Han}{2}/u.test(a.slice(i, i + 2))) return true
  return false
}

/**
 * 一是……二是……: the enumerating words are set in bold, with their clause when it is a short
 * sentence of its own (一是坚持高位推动。). Only where the enumeration really is one (一是 and 二是
 * in a paragraph, or paragraphs opening with 一是, 二是 …).
 */
function markSequences(items: Item[], note: Note): void {
  const marker = /(^|[。；！？：，])\s*([一二三四五六七八九十]是)/gu
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind !== 'paragraph' || !plainText(item)) continue
    const found = [...item.text.matchAll(marker)].map((m) => ({ start: m.index! + m[0].length - 2, word: m[2]! }))
    const words = found.map((f) => f.word)
    const opensRun = /^一是/u.test(item.text) && /^二是/u.test(items[i + 1]?.text ?? '')
    const continuesRun = /^[二三四五六七八九十]是/u.test(item.text) && items.slice(0, i).some((prev) => /^一是/u.test(prev.text))
    if (!(words.includes('一是') && words.includes('二是')) && !opensRun && !continuesRun) continue
    // The clause after each marker, when it is a short sentence of its own (一是坚持高位推动。). Either
    // every clause of the enumeration is set in bold or none is: only the markers then.
    const clauses = found.map(({ start }) => /^[^，；。！？]*[。！？；]/u.exec(item.text.slice(start))?.[0])
    const whole = clauses.every((clause, k) => {
      if (!clause || [...clause].length > MAX_LEAD) return false
      // 一是学习。二是落实。: a clause that runs into the next marker would make two bold runs touch.
      const next = found[k + 1]
      return !next || found[k]!.start + clause.length < next.start
    })
    const ranges = found.map(({ start }, k): [number, number] => [start, whole ? start + clauses[k]!.length : start + 2])
    if (embolden(item, ranges)) note(item.block, `“${words.join('、')}”是分项列举，加粗`, 'import-sequence')
  }
}

/** The paragraph is one plain text node (no Word formatting to keep). */
function plainText(item: Item): boolean {
  const children = item.block.children ?? []
  return children.length === 1 && children[0]!.type === 'text'
}

/** Sets the given character ranges of a plain-text paragraph in bold. */
function embolden(item: Item, ranges: [number, number][]): boolean {
  if (!plainText(item) || ranges.length === 0) return false
  const value = item.text
  const children: PhrasingContent[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start < at) continue
    if (start > at) children.push({ type: 'text', value: value.slice(at, start) })
    children.push({ type: 'strong', children: [{ type: 'text', value: value.slice(start, end) }] })
    at = end
  }
  if (at < value.length) children.push({ type: 'text', value: value.slice(at) })
  item.block = { ...item.block, children }
  return true
}

/** Splits inline content after `length` characters of its text, when the cut falls in a text node. */
export function splitChildren(children: PhrasingContent[], length: number): { head: PhrasingContent[]; tail: PhrasingContent[] } | undefined {
  let at = 0
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    const size = toString(child).length
    if (at + size < length) {
      at += size
      continue
    }
    // The cut falls right after this node (a bold heading run): split between nodes.
    if (at + size === length) return i + 1 < children.length ? { head: children.slice(0, i + 1), tail: children.slice(i + 1) } : undefined
    if (child.type !== 'text') return undefined
    const cut = length - at
    const head = [...children.slice(0, i), { ...child, value: child.value.slice(0, cut) } as Text]
    const rest = child.value.slice(cut).replace(/^\s+/u, '')
    const tail = [...(rest ? [{ type: 'text', value: rest } as Text] : []), ...children.slice(i + 1)]
    return tail.length ? { head, tail } : undefined
  }
  return undefined
}

function trimmed(children: PhrasingContent[]): PhrasingContent[] {
  const out = children.map((c) => ({ ...c })) as PhrasingContent[]
  const first = out[0]
  if (first?.type === 'text') first.value = first.value.replace(/^[\s\u3000]+/u, '')
  const last = out.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/[\s\u3000]+$/u, '')
  return out.filter((c) => c.type !== 'text' || c.value !== '')
}

/**
 * mdast-util-to-markdown writes the Han character after `**要讲政治。**` as `&#x59CB;` to satisfy
 * CommonMark's flanking rule; the pipeline reads the plain character right (remark-cjk-friendly),
 * and an author must be able to read and edit the file, so CJK characters are never references.
 */
function readableCjk(markdown: string): string {
  return markdown.replace(/&#x([0-9A-F]+);/gu, (reference, hex: string) => {
    const code = Number.parseInt(hex, 16)
    return code >= 0x2e80 ? String.fromCodePoint(code) : reference
  })
}

/** Where a block came from: its line in a text file, or “第 N 段” in a Word file. */
const placeOf = (block: SourceBlock): SourcePlace => block.line ?? block.where

/** One Markdown block per item, each remembering its source line; consecutive bullets make one list. */
function serialize(matter: ImportedMatter, items: Item[]): Omit<ImportResult, 'notes'> {
  const frontMatter = `---\n${stringify(matter, { lineWidth: 0 })}---\n`
  const lineMap: SourcePlace[] = frontMatter.split('\n').slice(0, -1).map(() => undefined)
  const parts: string[] = [frontMatter]
  const emit = (node: RootContent, lines: SourcePlace[]) => {
    const text = readableCjk(toMarkdown({ type: 'root', children: [node] }, { extensions: [gfmToMarkdown()], bullet: '-' }))
    parts.push(`\n${text}`)
    const count = text.split('\n').length - 1
    lineMap.push(undefined, ...Array.from({ length: count }, (_, k) => lines[Math.min(k, lines.length - 1)]))
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const { block } = item
    if (item.kind === 'node') {
      emit(block.node!, [placeOf(block)])
    } else if (item.kind === 'heading') {
      const heading: Heading = { type: 'heading', depth: (item.level! + 1) as Heading['depth'], children: trimmed(block.children ?? []) }
      emit(heading, [placeOf(block)])
    } else if (item.kind === 'bullet') {
      const list: List = { type: 'list', ordered: false, spread: false, children: [] }
      const lines: SourcePlace[] = []
      for (; items[i]?.kind === 'bullet'; i++) {
        const children = trimmed(items[i]!.block.children ?? [])
        const first = children[0]
        if (first?.type === 'text') first.value = first.value.replace(BULLET, '')
        list.children.push({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })
        lines.push(placeOf(items[i]!.block))
      }
      i--
      emit(list, lines)
    } else {
      const children = trimmed(block.children ?? [])
      // An attachments note keeps its lines (附件：1．… / 2．…) as lines of one paragraph.
      for (const extra of item.extra ?? []) children.push({ type: 'break' }, ...trimmed(extra.block.children ?? []))
      const paragraph: Paragraph = { type: 'paragraph', children }
      emit(paragraph, [placeOf(block), ...(item.extra ?? []).map((e) => placeOf(e.block))])
    }
  }
  const markdown = parts.join('')
  return { markdown, matter, lineMap }
}
