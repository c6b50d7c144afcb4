/**
 * Lines of a Chinese document that are not body text, recognised the same way by the importer
 * (which decides what a pasted line is) and by the pipeline (which sets it): one definition each.
 */
import { CHINESE_DAY, CHINESE_MONTH, CHINESE_YEAR_DIGIT as YEAR_DIGIT } from './chinese-date.ts'
import { typedOrdinal } from './ordinals.ts'

/**
 * 附件：1．… / 附件1：报名表 / 附：……计划表 / 附表：…… — the attachments note after the body
 * (GB/T 9704 7.3.5.1; older documents write 附： or 附表：).
 */
export const ATTACHMENT_NOTE = /^附\s*(?:件|表)?\s*(?:[：:]\s*\S|\d{1,2}\s*[：:]\s*\S)|^附\s*件\s*[：:]/u
/** 附件 / 附件1 / 附件 2 / 附件1： / 附： / 附表 alone on a line: an attachment begins. */
export const ATTACHMENT_LABEL = /^附\s*件\s*(?:[\d一二三四五六七八九十]*|[\d一二三四五六七八九十]+\s*[：:])\s*$|^附\s*(?:表\s*[\d一二三四五六七八九十]*)?\s*[：:]?\s*$/u


/** 2026年1月5日 · 二〇二六年一月五日 · 二○二五年八月十二日 · 202X年X月X日 (a placeholder), alone. */
const DATE_PATTERN = new RegExp(
  `^(?:\\d{4}年\\d{1,2}月(?:\\d{1,2}日?|日)|${YEAR_DIGIT}{4}年${CHINESE_MONTH}月${CHINESE_DAY}日|\\d{2,4}[XＸx×]{0,2}年[XＸx×\\d]{1,2}月[XＸx×\\d]{1,2}日|[XＸx×]{4}年[XＸx×]{1,2}月[XＸx×]{1,2}日)$`,
  'u',
)
/** A date alone on a line; spaces typed inside it (2025 年 8 月 12 日) do not make it something else. */
export function isDateAlone(text: string): boolean {
  return DATE_PATTERN.test(text.replace(/[\s\u3000]+/gu, ''))
}

/**
 * 同志们： · 各位代表： · 各省、自治区、直辖市人民政府，国务院各部委、各直属机构： — a line that
 * addresses its hearers or the offices it goes to, ending in a colon, with no sentence in it.
 */
export function isSalutation(text: string): boolean {
  if (typedOrdinal(text)) return false
  // 各位教职员工， — an address ends in a colon, or in a comma when it opens with 各位/尊敬的/亲爱的.
  if (!(/[：:]$/u.test(text) || /^(各位|尊敬的|亲爱的)[^，,]*[，,]$/u.test(text)) || /[。！？；]/u.test(text)) return false
  const length = [...text].length
  // 现就有关事项通知如下： announces what follows; it addresses no one.
  if (/(如下|以下|下列|几点|意见|通知|要求|说明|报告|内容|情况|事项|如次)[：:]$|^(现|特|请|为|经|根据|按照|关于)/u.test(text)) return false
  // 各乡镇人民政府，县直各部门： is a short list of offices: the rule for lists below.
  if (length <= 16 && !/[，,]/u.test(text.slice(0, -1))) return !/^(附\s*件|联系人|联系电话|电话|地址|邮编|抄送|主题词|会议时间|时间|地点|参加人员|出席|列席|主持人?|记录人?|发言人?)/u.test(text)
  // A long one is a list of offices (主送机关): names joined by 、 and ，, no verb of a sentence.
  return length <= 240 && /[、，]/u.test(text) && /(政府|部门|单位|机关|委员会|党委|党组|各委|各局|各办|厅|局|办|院|校|公司|部委|机构|街道|乡镇|学校|党支部|军区|部队|同志们?|代表|朋友们|同学们|员工)[：:，,]$/u.test(text)
}

/** Lines that may follow the 落款: 抄送, 印发, （此件公开发布）, 联系人, the attachments note. */
const BACK_MATTER = /^(?:抄\s*送|印\s*发|主\s*题\s*词|联\s*系\s*人|联系电话|电\s*话|[（(]此件|[（(]本文|[（(]联系人|[（(]责编|[（(]编辑)|^附\s*件\s*[：:]/u
/** An office's name, not a person's (特急 and 张三 are names to isSigner): 中央军委办公厅, 国家教委. */
export function isOrganisation(text: string): boolean {
  return isSigner(text) && ORGANISATION.test(text.replace(/[\s\u3000]+/gu, ''))
}

const ORGANISATION = /(中央|国务院|学校|中学|小学|大学|学院|幼儿园|部门|单位|办公厅|办公室|人民政府|政府|委员会|党委|党组|支部|总支|工委|纪委|监委|委|部|局|厅|处|科|室|股|所|院|校|中心|公司|集团|协会|学会|联合会|工会|团委|妇联|大队|中队|站|馆|社|会|组|办|街道|社区|村|镇|乡|县|市|省|区|队|指挥部|小组)$/u
const SIGNER_NAME = /^[\p{Script=Han}·×＊*]{2,4}$/u

/**
 * A signature line (落款 署名, GB/T 9704 7.3.5.2): an office's name, offices joined by 、 or
 * spaces (党政办、教科室 · 中共××县委　××县人民政府), or a person's name — never a sentence, a label
 * (联系人：…) or an attachment note.
 */
export function isSigner(text: string): boolean {
  if ([...text].length > 40 || /[。，；：:！？,;]/u.test(text) || /^附\s*件/u.test(text) || /^[请要应须各为]/u.test(text)) return false
  return text.split(/[、\s\u3000]+/u).filter(Boolean).every((part) => ORGANISATION.test(part) || SIGNER_NAME.test(part))
}

/**
 * The 落款 of a document's body, given its top-level blocks' texts (undefined for a heading,
 * list or table): the closing date alone on a line with the signature right above it, or a
 * signature alone as the last line after body text. Back matter (抄送：…, the attachments note)
 * may follow; an attachment (附件1 alone on a line) ends the body. A notice that carries its
 * document after the 落款 (国务院关于印发……的通知, then the 方案 itself) has its closing there:
 * `next` is where the document after it begins, at its title.
 */
export function findClosing(blocks: (string | undefined)[]): { signature?: number; date?: number; next?: number } {
  const label = blocks.findIndex((text) => text !== undefined && ATTACHMENT_LABEL.test(text))
  const end = label >= 0 ? label : blocks.length
  const atEnd = closingBefore(blocks, end)
  if (atEnd.date !== undefined || atEnd.signature !== undefined) return atEnd
  for (let date = 1; date < end - 1; date++) {
    if (blocks[date] === undefined || !isDateAlone(blocks[date]!) || !isSigner(blocks[date - 1] ?? '')) continue
    let next = date + 1
    while (next < end && blocks[next] !== undefined && BACK_MATTER.test(blocks[next]!)) next++
    const title = blocks[next]
    if (title !== undefined && [...title].length <= 40 && !/[。！？；：，、]$/u.test(title) && !typedOrdinal(title)) return { signature: date - 1, date, next }
  }
  return {}
}

function closingBefore(blocks: (string | undefined)[], end: number): { signature?: number; date?: number } {
  let at = end - 1
  for (let skipped = 0; skipped < 6 && at > 0 && blocks[at] !== undefined && BACK_MATTER.test(blocks[at]!); skipped++) at--
  // The numbered lines of a multi-line attachments note (2．…) sit after it.
  while (at > 0 && blocks[at] !== undefined && /^\d+\s*[.．、]/u.test(blocks[at]!) && BACK_MATTER.test(blocks[at - 1] ?? '')) at -= 2
  const last = blocks[at]
  if (last === undefined) return {}
  if (isDateAlone(last)) {
    const signer = blocks[at - 1]
    return signer !== undefined && at - 1 >= 0 && isSigner(signer) ? { signature: at - 1, date: at } : { date: at }
  }
  // No date: an office's name as the very last line, after body text.
  const before = blocks[at - 1]
  if (at >= 1 && before !== undefined && !isSigner(before) && isSigner(last) && !SIGNER_NAME.test(last)) return { signature: at }
  return {}
}

/**
 * A sentence ends at 。！？, or at a half-width . ! ? typed in their place (PN-3/PN-4 make them
 * full-width later): right after Han or a closing mark and before the end, a space, a closing
 * mark or Han — so 2.3万亩, www.gov.cn and English sentences end nothing.
 */
export const SENTENCE_END = /[。！？]|(?<=[\p{Script=Han}”’）》〉」』】〕])(?:\.|[!?]+)(?=$|[\s\u3000"'”’）》〉」』】〕]|\p{Script=Han})/u

/**
 * Where a run-in heading ends (EL-17), counted from the start of the text after its number:
 * after the first 。！？, or after a “：” that comes first, within 20 characters, and has text
 * after it (（一）工作目标：今年完成三项任务。). A colon between digits (9：30) is a time.
 * Undefined when nothing follows the heading part.
 */
export function runInHeadLength(rest: string): number | undefined {
  const found = SENTENCE_END.exec(rest)
  const sentence = found ? { index: found.index + found[0].length - 1 } : undefined
  const colon = /[：:]/u.exec(rest.replace(/(?<=\d)[：:](?=\d)/gu, '·'))
  // After the colon, a sentence or more: 今年完成三项任务。 — not a heading's own second half (：惊天动地).
  const afterColon = colon ? rest.slice(colon.index + 1) : ''
  const label = colon && colon.index < (sentence?.index ?? Infinity) && [...rest.slice(0, colon.index)].length <= 20 && (/[。！？；]/u.test(afterColon) || [...afterColon].length > 20)
  const end = label ? colon.index + 1 : sentence ? sentence.index + 1 : undefined
  return end !== undefined && rest.slice(end).trim() !== '' ? end : undefined
}
