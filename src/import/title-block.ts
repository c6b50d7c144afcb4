/**
 * The title block of an imported text (issue 17): editor's notes and web-page labels before the
 * title, the title over one to three lines, then subtitle, 发文字号, date or time/place line and
 * speaker, in any order. Read into front matter, with the source lines each field came from.
 */
import { findDate } from '../text/chinese-date.ts'
import { typedOrdinal } from '../text/ordinals.ts'
import { ATTACHMENT_NOTE, isDateAlone, isSalutation, isSigner, SENTENCE_END } from '../text/document-lines.ts'
import type { ImportedMatter, MatterLines } from './source-blocks.ts'
import { type Item, type Note, ENDS_LIKE_BODY, POSITIONS, TITLE_ENDINGS, firstSentence, placeOf } from './items.ts'

/** Lines a web page or an editor puts before the title: where the text is from, how it was taken. */
const SOURCE_LABEL = /^(?:资料来源|文章来源|信息来源|来源|出处|转自|摘自|选自|转载自)\s*[：:]\s*(.*)$/u

/** A web page's toolbar copied with the text: 下载 / 打印 / 全屏 / 收藏 / 【字号： / 加大 / 还原 / 减小 / 】. */
const TOOLBAR = /^[【［\[]?\s*(?:下载|打印|全屏|收藏|分享|分享到|关闭|关闭窗口|返回|返回顶部|返回列表|加大|还原|减小|放大|缩小|默认|大|中|小|字号\s*[：:]?|打印本页|关闭本页|保存|纠错)?\s*[】］\]]?$/u

const DROPPED_LABEL = /^(?:正文|全文|原文|全文如下|正文如下|原文如下|内容如下|文件全文)\s*[：:]?$|^(?:发布时间|发布日期|发文日期|成文日期|发布机构|浏览次数|字号|点击数|阅读次数|【?打印】?|分享到)[：:]|^字号\s*[【\[]?\s*大\s*中\s*小|^(?:时间|日期)[：:]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u

const EDITORS_NOTE = /^(?:编者按|编者的话|编辑说明|编者注|按语)\s*[：:]|现摘录|摘录如下|摘编如下|现予?(?:转发|印发|刊发|刊登)|(?:特此|现)推荐|推荐(?:阅读|学习)|供(?:大家)?学习(?:参考)?|仅供(?:学习)?参考|转发如下|全文如下/u

/** 省长刘小涛代表省人民政府向大会作政府工作报告。本报记者 朱江 摄: a newspaper photo's caption. */
const PHOTO_CAPTION = /(?:记者|摄影|通讯员)[\s\u3000]*[\p{Script=Han}、\s\u3000]{2,16}摄$|(?:记者|通讯员)[\s\u3000]*[\p{Script=Han}]{2,4}$|^(?:图为|图片|摄影)[：:]/u

/** 国发〔2026〕5号 · 中办发〔2024〕12号 · X政发[2026]5号 · 浙教办〔2012〕88号. */
export const DOC_NUMBER = /^[\p{Script=Han}A-Za-zＸ×]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$/u

/**
 * （2026年1月27日在贵州省第十四届人民代表大会第四次会议上）, or the same without its brackets or
 * its ——: the occasion under the title is its subtitle.
 */
const OCCASION = /^[（(].*在.{2,}(?:会议|大会|会|典礼|仪式|论坛|座谈会|报告会)(?:上|开幕式上|闭幕式上)(?:的(?:讲话|发言|报告|致辞))?[）)]$|^\d{4}年\d{1,2}月\d{1,2}日在.{2,}(?:会议|大会)上$/u

/**
 * The title block: editor's notes (资料来源：…, 现摘录……) before the title, the title (one to three
 * lines), then subtitle, 发文字号, date or time/place line and speaker, in any order. The file's
 * name is not the title: when the text opens with no title, its opening words stand in, with a
 * warning; `fallbackTitle` (the file's name) only for a text with no words to take.
 */
export function readHeader(items: Item[], note: Note, fallbackTitle: string): { matter: ImportedMatter; lines: MatterLines } {
  const lines: MatterLines = {}
  const record = (field: keyof MatterLines, item: Item) => (lines[field] ??= []).push(placeOf(item.block))
  const matter: ImportedMatter = { title: fallbackTitle }
  const notes: string[] = []
  // Where an editor's or a web page's line goes: the source under the title, a note above it, or nowhere.
  const takeEditorsLine = (item: Item, where: string): void => {
    const source = SOURCE_LABEL.exec(item.text)?.[1]?.trim()
    if (source && !matter.source) {
      matter.source = source
      record('source', item)
      note(item.block, `${where}的来源说明，印在标题下：${item.text}`, 'import-note')
    } else if (DROPPED_LABEL.test(item.text) || PHOTO_CAPTION.test(item.text) || TOOLBAR.test(item.text)) {
      record('note', item)
      note(item.block, `${where}的“${item.text}”是网页或编辑加的标签、图片说明，没有排入`, 'import-note', 'warning')
    } else {
      notes.push(item.text)
      record('note', item)
      note(item.block, `${where}的说明，以小字排在标题上方：${item.text}`, 'import-note')
    }
  }
  // A web page's toolbar copied along (下载 / 打印 / 【字号： / 加大 …): one message for the lot.
  const toolbar: Item[] = []
  while (items.length > 1 && items[0]!.kind !== 'node' && TOOLBAR.test(items[0]!.text)) toolbar.push(items.shift()!)
  if (toolbar.length) {
    for (const item of toolbar) record('note', item)
    const words = toolbar.map((item) => item.text).join(' ')
    // A text file has lines, a Word file paragraphs.
    const unit = toolbar[0]!.block.line ? '行' : '段'
    note(toolbar[0]!.block, `开头${toolbar.length > 1 ? ` ${toolbar.length} ${unit}` : ''}是从网页复制来的按钮文字（${words}），没有排入`, 'import-note', 'warning')
  }
  while (items.length > 1 && items[0]!.kind !== 'node' && !items[0]!.block.styleRole && editorsLine(items[0]!.text)) takeEditorsLine(items.shift()!, '标题前')
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
  if (!first) return { matter, lines }
  const count = first.kind === 'node' ? 0 : titleLineCount(items)
  const candidate = items.slice(0, count).map((item) => item.text).join('')
  // A single line is a paragraph, not a title over nothing — unless it names itself a document.
  const alone = items.length === 1 && !(/^关于/u.test(first.text) && TITLE_ENDINGS.test(first.text)) && !(isSigner(first.text) && !/^[\p{Script=Han}]{2,4}$/u.test(first.text))
  if (first.kind === 'node' || !looksLikeTitle({ ...first, text: candidate }) || alone) {
    // The file's name is no title (it is often 新建文本文档 or 讲话稿2): the opening words of the text are.
    const opening = items.find((item) => item.kind === 'paragraph' && !isSalutation(item.text))
    if (!opening) {
      note(first.block, `稿件中没有可作标题的文字，标题暂用文件名“${fallbackTitle}”：请在开头补上标题`, 'import-title', 'warning')
      return { matter, lines }
    }
    const words = firstSentence(opening.text).replace(/[。！？，；：:]$/u, '')
    matter.title = [...words].length > 24 ? `${[...words].slice(0, 24).join('')}……` : words
    const shown = first.kind === 'node' ? '是表格或列表' : `“${[...first.text].slice(0, 12).join('')}${[...first.text].length > 12 ? '……' : ''}”不是标题`
    note(first.block, `稿件开头没有标题（第一行${shown}），标题暂取开头的文字“${matter.title}”：请在开头补上标题`, 'import-title', 'warning')
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
    } else if ((SOURCE_LABEL.exec(text)?.[1] && !matter.source) || DROPPED_LABEL.test(text) || PHOTO_CAPTION.test(text)) {
      takeEditorsLine(item, '标题下')
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
  return SOURCE_LABEL.test(text) || DROPPED_LABEL.test(text) || PHOTO_CAPTION.test(text) || TOOLBAR.test(text) || ([...text].length <= 120 && EDITORS_NOTE.test(text))
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
  // A line ending in 、 or ， goes on in the next: 在第18期入党积极分子培训班、 / 第20期……上的致辞.
  // 关于内地西藏班（校） / 扩大规模有关问题的请示: a title that opens with 关于 goes on below.
  if (TITLE_ENDINGS.test(first.text) || isSigner(first.text) || typedOrdinal(first.text) || /[。！？；：，、,]$/u.test(first.text) || /^关于/u.test(first.text)) return 0
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
