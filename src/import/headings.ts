/**
 * Which lines are headings and at what level (issue 4, issue 17): lines with a typed number, as a
 * reader tells a heading from a numbered sentence or an item of a list, and short unnumbered lines
 * placed among the author's numbered ones. The author's numbers stay in the text as typed.
 */
import type { PhrasingContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { parseChineseNumber, typedOrdinal, type TypedOrdinal } from '../text/ordinals.ts'
import { ATTACHMENT_LABEL, ATTACHMENT_NOTE, isDateAlone, isSalutation, runInHeadLength, SENTENCE_END } from '../text/document-lines.ts'
import { type Item, type Note, BULLET, DIRECTIVE, ENDS_LIKE_BODY, ENDS_WITH_SENTENCE, LEVEL_NAMES, MAX_HEADING, TOC_LINE, firstSentence, splitChildren } from './items.ts'
import { DOC_NUMBER } from './title-block.ts'

/**
 * Each paragraph's role, in order: the salutation (主送机关), the attachments note, bullets, Word's
 * heading styles, and the lines with a typed number — headings (numberedLine decides) or body.
 */
export function classify(items: Item[], bodyEnd: number, note: Note): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind !== 'paragraph') continue
    const { block, text } = item
    // 各位领导、各位代表：大家好！ — the greeting after the address is a paragraph of its own.
    const greeting = /^(.+?[：:，,])((?:大家|同志们|各位)?(?:上午|下午|晚上)?好[！!。]?)$/u.exec(text)
    if (greeting && items.findIndex((other) => other.kind !== 'node') === i && isSalutation(greeting[1]!)) {
      const split = splitChildren(block.children ?? [], greeting[1]!.length)
      if (split) {
        item.block = { ...block, children: split.head }
        item.text = greeting[1]!
        items.splice(i + 1, 0, { block: { ...block, children: split.tail }, text: greeting[2]!, kind: 'paragraph' })
      }
    }
    if (items.findIndex((other) => other.kind !== 'node') === i && isSalutation(item.text)) {
      item.kind = 'salutation'
      note(block, `当作称呼语（顶格）：${item.text}`, 'import-salutation')
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
        // A label (一、元旦：) runs in at level 1 too; a level-1 sentence stands on its own line.
        if (ordinal.level === 1 && !/[：:]$/u.test(role.head)) splitLevelOneRunIn(items, i, role.head.length)
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
    // A report's run-in heads run long (（二）聚焦加快构建……现代化产业体系，深化实施“1269”行动计划。), in one or two clauses.
    const clauses = clauseBreaks(head)
    // 一、日军遗弃化学武器是历史遗留问题，敏感性、专业性较强，情况复杂。 states a fact in long
    // clauses; past 40 字, a clause of 25 (三、……，其技术处理和有关管理工作由军队各级防化业务部门负责。)
    // is a sentence: body text that keeps its number.
    const longest = Math.max(...head.slice(ordinal.text.length).split(/[，,；;]/u).map((clause) => [...clause].length))
    if (clauses >= 2 && longest > 12) return { heading: false, why: '第一句是一句陈述，不像标题' }
    return [...head].length <= MAX_HEADING || ([...head].length <= 50 && clauses <= 1 && longest <= 24) ? { heading: true, head } : { heading: false, why: '第一句太长，不像标题' }
  }
  const next = items.slice(i + 1).find((item) => item.kind !== 'node')
  const nextOrdinal = next && next.kind === 'paragraph' ? typedOrdinal(next.text) : undefined
  const previous = items.slice(0, i).reverse().find((item) => item.kind !== 'node')
  const previousOrdinal = previous ? typedOrdinal(previous.text) : undefined
  const nextSibling = nextOrdinal?.level === ordinal.level && nextOrdinal.value === ordinal.value + 1
  // The item before it, kept as body text (（5）……；then （6）……。): one list.
  const previousItem = previous?.kind === 'paragraph' && previousOrdinal?.level === ordinal.level && previousOrdinal.value === ordinal.value - 1
  if (!ENDS_LIKE_BODY.test(text)) {
    // 学习内容如下： / 1.学习党章 / 2.学习准则: items a sentence leads into, not headings over nothing.
    if ((nextSibling || previousItem) && listLeadIn(items, i, ordinal)) return { heading: false, why: '是上文冒号引出的列举的一项', quiet: true }
    // Past 40 字 a heading is one clause (……城市群); 本规划是……，全体人员须…… is a sentence without its full stop.
    const clauses = clauseBreaks(rest)
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
  const inList = nextSibling || (previousItem && /[。！？；;]$/u.test(previous!.text))
  if (inList) return { heading: false, why: '是一句完整的话，与前后编号的句子并列，是列举的一项', quiet: true }
  // （一）久久为功推动粤港澳大湾区建设，打造……城市群。 is a heading; three clauses are a paragraph.
  const clauses = clauseBreaks(rest)
  return length <= 60 && clauses <= 1 && [...firstSentence(rest)].length === [...rest].length ? { heading: true, head: text } : { heading: false, why: '句子太长，不像标题' }
}

/** How many times a sentence breaks into clauses (，；): a heading has at most one break. */
function clauseBreaks(text: string): number {
  return (text.match(/[，,；;]/gu) ?? []).length
}

/** 一、二季度 / 三、四月份 / 一、二、三产业: numerals in a series, not an ordinal and its heading. */
function numeralSeries(text: string, ordinal: string): boolean {
  const series = /^([一二三四五六七八九十]+)(?:、[一二三四五六七八九十]+)*(季度|月份?|年级?|产业|等奖?|类|线|级|批|次|期|号|档|星|个|项|条)/u.exec(text.slice(ordinal.length))
  // 一、二季度 counts on (1, 2); 一、一级标题 is a heading about level one.
  return /、$/u.test(ordinal.trim()) && series !== null && parseChineseNumber(series[1]!) === (parseChineseNumber(ordinal.replace(/[、\s]/gu, '')) ?? 0) + 1
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
export function placeUnnumberedHeadings(items: Item[], bodyEnd: number, note: Note): void {
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
 * 附件 (or 附件1) alone on a line with the attachments' names under it (1.报名表 / 2.……) and
 * nothing else after them: an attachments note typed without its colon, not an attachment.
 */
export function listsAttachments(items: Item[], i: number): boolean {
  const rest = items.slice(i + 1).filter((item) => item.kind !== 'node')
  return rest.length > 0 && rest.every((item, k) => typedOrdinal(item.text)?.level === 3 && typedOrdinal(item.text)?.value === k + 1 && [...item.text].length <= 40 && !SENTENCE_END.test(item.text))
}
