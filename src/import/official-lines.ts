/**
 * The parts of a pasted official document that are not its text (issue 18, GB/T 9704-2012), read
 * into the same front matter an author writes for the gongwen-a4 版头 and 版记: above the title,
 * 份号, 密级, 紧急程度, the 发文机关标志 (XX文件; joint issuers over 文件; XX令 with 第N号; a 纪要's
 * mark with its 期号; a 函's issuer over its 发文字号), the 发文字号 and 签发人; at the end, 主题词,
 * 抄送 and the 印发 line; after the 成文日期, the 附注; and a 纪要's 出席/请假/列席 lists. Each is taken
 * out of the text with a message naming its line.
 */
import { findDate } from '../text/chinese-date.ts'
import { isDateAlone, isOrganisation } from '../text/document-lines.ts'
import type { ImportedMatter, MatterLines } from './source-blocks.ts'
import { type Item, type Note, placeOf } from './items.ts'
import { DOC_NUMBER } from './title-block.ts'

const COPY_NUMBER = /^(?:份\s*号\s*[：:]\s*)?(\d{6})$/u
const SECRECY = /^(?:绝\s*密|机\s*密|秘\s*密)(?:\s*★\s*\S{1,8})?$/u
const URGENCY = /^(?:特\s*急|加\s*急|特\s*提|平\s*急)$/u
const SIGNERS = /^签\s*发\s*人\s*[：:]\s*(.+)$/u
/** 国办发〔2024〕12号　　签发人：张三: the 发文字号 and the 签发人 of a 上行文 on one line. */
const NUMBER_AND_SIGNERS = /^(.+?)[\s\u3000]*签\s*发\s*人\s*[：:]\s*(.+)$/u
const ORDER_NUMBER = /^第\s*\d{1,5}\s*号$/u
const MINUTES_NUMBER = /^(?:(?:\d{4}年)?第\s*[\d一二三四五六七八九十]{1,4}\s*期|.{0,12}[〔［\[]\s*\d{4}\s*[〕］\]]\s*\d{1,4}\s*[号期])$/u

const KEYWORDS = /^主\s*题\s*词\s*[：:]\s*(.+)$/u
const CC = /^抄\s*送\s*[：:]\s*(.+?)[。.]?$/u
/** 浙江省教育厅办公室　　2012年6月13日印发. */
const PRINT_LINE = /^(.+?)[\s\u3000]+(\S+?年\S+?月\S+?日)\s*印\s*发$/u
/** （此件公开发布） · （联系人：张三，电话：……）: the 附注 after the date. */
const REMARKS = /^[（(](?:此件|本件|此文|联系人|联系电话|此页|本文)[^（）()]{0,60}[）)]$/u
const ATTENDANCE = /^(出\s*席|参\s*会|请\s*假|列\s*席\s*请\s*假|列\s*席)(?:人员)?\s*[：:]\s*(.+)$/u
/** 参会 is 出席 by another name; 列席请假 lists those absent among the invited. */
const ATTENDANCE_FIELD = { 出席: 'present', 参会: 'present', 请假: 'absent', 列席请假: 'absent', 列席: 'attending' } as const

/** 张三　李四 · 张三、李四: the names of a line. */
function splitNames(text: string): string[] {
  return text
    .split(/[\s\u3000、，,]+/u)
    .map((name) => name.trim())
    .filter(Boolean)
}

function squeeze(text: string): string {
  return text.replace(/[\s\u3000]+/gu, '')
}

/** Reads the 版头 lines at the top of `items` (taken out); the title block comes after them. */
export function readOfficialHead(items: Item[], note: Note): { matter: Partial<ImportedMatter>; lines: MatterLines } {
  const matter: Partial<ImportedMatter> = {}
  const lines: MatterLines = {}
  const take = (field: keyof MatterLines, count: number, message: string) => {
    const taken = items.splice(0, count)
    for (const item of taken) (lines[field] ??= []).push(placeOf(item.block))
    note(taken[0]!.block, message, 'import-official-head')
  }
  const text = (k: number) => (items[k]?.kind === 'paragraph' ? items[k]!.text : undefined)
  for (let guard = 0; guard < 12 && items.length > 2; guard++) {
    const line = text(0)
    if (line === undefined) break
    const tight = squeeze(line)
    const mark: Partial<ImportedMatter> = {}
    const markLines = matter.issuer || matter.mark ? 0 : readMark(items, mark)
    if (!matter.copyNumber && COPY_NUMBER.test(tight)) {
      matter.copyNumber = COPY_NUMBER.exec(tight)![1]!
      take('copyNumber', 1, `当作份号（版头）：${line}`)
    } else if (!matter.secrecy && SECRECY.test(line)) {
      matter.secrecy = tight
      take('secrecy', 1, `当作密级和保密期限（版头）：${line}`)
    } else if (!matter.urgency && URGENCY.test(line)) {
      matter.urgency = tight
      take('urgency', 1, `当作紧急程度（版头）：${line}`)
    } else if (markLines > 0) {
      Object.assign(matter, mark)
      const shown = items.slice(0, markLines).map((item) => item.text).join(' / ')
      take('issuer', markLines, `当作发文机关标志（版头，${matter.format ?? '文件'}格式）：${shown}`)
    } else if (!matter.signers && SIGNERS.test(line)) {
      matter.signers = splitNames(SIGNERS.exec(line)![1]!)
      take('signers', 1, `当作签发人（版头，上行文）：${line}`)
    } else if ((matter.issuer || matter.mark) && !matter.docNumber && numberLine(line)) {
      Object.assign(matter, numberLine(line))
      take('docNumber', 1, `当作发文字号${matter.signers ? '和签发人' : ''}（版头）：${line}`)
    } else break
  }
  return { matter, lines }
}

/** 国办发〔2024〕12号, or 国办发〔2024〕12号　签发人：张三　李四. */
function numberLine(line: string): Partial<ImportedMatter> | undefined {
  const both = NUMBER_AND_SIGNERS.exec(line)
  if (both && DOC_NUMBER.test(squeeze(both[1]!))) return { docNumber: squeeze(both[1]!), signers: splitNames(both[2]!) }
  return DOC_NUMBER.test(squeeze(line)) ? { docNumber: squeeze(line) } : undefined
}

/**
 * The 发文机关标志 at items[0]: XX文件; several issuers, one a line, over 文件 (or the last ending
 * in 文件); XX令 over 第N号 (命令); XX纪要 over its 期号 (纪要); an office's name over a 函's number
 * (信函). Sets the fields and returns how many lines it takes (0: the line is none).
 */
function readMark(items: Item[], matter: Partial<ImportedMatter>): number {
  const line = (k: number) => (items[k]?.kind === 'paragraph' ? items[k]!.text : undefined)
  const first = line(0)!
  const tight = squeeze(first)
  // 国务院办公厅文件 · 中共浙江省委办公厅　浙江省人民政府办公厅文件 (joint, on one line).
  const file = /^(.{2,60}?)文件$/u.exec(tight)
  if (file && isOrganisation(first.replace(/文\s*件$/u, '').trim())) {
    const issuers = first.replace(/文\s*件$/u, '').trim().split(/[\s\u3000]+/u).filter(Boolean)
    Object.assign(matter, { issuer: issuers.length > 1 ? issuers : issuers[0]!})
    return 1
  }
  // 中共中央办公厅 / 国务院办公厅 / 文件 — or the last name carrying 文件.
  let k = 0
  while (k < 4 && line(k) !== undefined && isOrganisation(line(k)!) && !/文件$/u.test(squeeze(line(k)!))) k++
  const closing = line(k)
  if (k >= 1 && closing !== undefined && /文件$/u.test(squeeze(closing)) && (squeeze(closing) === '文件' || isOrganisation(closing.replace(/文\s*件$/u, '').trim()))) {
    const issuers = items.slice(0, k).map((item) => squeeze(item.text))
    if (squeeze(closing) !== '文件') issuers.push(squeeze(closing).replace(/文件$/u, ''))
    if (issuers.length >= 2) {
      Object.assign(matter, { issuer: issuers })
      return k + 1
    }
  }
  const second = line(1)
  // 中华人民共和国国务院令 / 第797号.
  if (/^.{2,30}令$/u.test(tight) && second !== undefined && ORDER_NUMBER.test(squeeze(second))) {
    Object.assign(matter, { format: '命令', issuer: tight.replace(/令$/u, ''), docNumber: squeeze(second)})
    return 2
  }
  // 县政府常务会议纪要 / 第5期.
  if (/^.{2,30}纪要$/u.test(tight) && !/^关于/u.test(tight) && second !== undefined && MINUTES_NUMBER.test(squeeze(second))) {
    Object.assign(matter, { format: '纪要', mark: tight, docNumber: squeeze(second)})
    return 2
  }
  // 国务院办公厅 / 国办函〔2024〕55号: a letter (函).
  if (isOrganisation(first) && !/[\s\u3000]/u.test(first.trim()) && second !== undefined && DOC_NUMBER.test(squeeze(second)) && /函/u.test(second)) {
    Object.assign(matter, { format: '信函', issuer: tight, docNumber: squeeze(second)})
    return 2
  }
  return 0
}

/**
 * The 版记 lines at the end (主题词, 抄送, the 印发 line), a 附注 right after the 成文日期 and a
 * 纪要's 出席/请假/列席 lists, wherever they stand after the text: taken out into front matter.
 */
export function readBackMatter(items: Item[], note: Note): { matter: Partial<ImportedMatter>; lines: MatterLines } {
  const matter: Partial<ImportedMatter> = {}
  const lines: MatterLines = {}
  const take = (index: number, field: keyof MatterLines, message: string) => {
    const [item] = items.splice(index, 1)
    ;(lines[field] ??= []).push(placeOf(item!.block))
    note(item!.block, message, 'import-official-back')
  }
  for (let at = items.length - 1; at >= 0 && at >= items.length - 6; at--) {
    const item = items[at]!
    if (item.kind !== 'paragraph') break
    const { text } = item
    const print = PRINT_LINE.exec(text.trim())
    const printDate = print ? findDate(squeeze(print[2]!)) : undefined
    if (!matter.printer && print && printDate) {
      matter.printer = print[1]!.trim()
      matter.printDate = printDate.date
      take(at, 'printer', `当作印发机关和印发日期（版记）：${text}`)
    } else if (!matter.cc && CC.test(text)) {
      matter.cc = CC.exec(text)![1]!.trim()
      take(at, 'cc', `当作抄送机关（版记）：${text}`)
    } else if (!matter.keywords && KEYWORDS.test(text)) {
      matter.keywords = KEYWORDS.exec(text)![1]!.trim().replace(/[\s\u3000]+/gu, '　')
      take(at, 'keywords', `当作主题词（版记）：${text}`)
    } else if (!(lines.printer || lines.cc || lines.keywords)) {
      // Nothing of the 版记 at the very end: stop looking.
      break
    }
  }
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!
    if (item.kind !== 'paragraph') continue
    const attendance = ATTENDANCE.exec(item.text)
    if (attendance && at > 0) {
      const field = ATTENDANCE_FIELD[squeeze(attendance[1]!) as keyof typeof ATTENDANCE_FIELD]
      if (matter[field]) continue
      matter[field] = attendance[2]!.trim()
      take(at--, field, `当作纪要的${squeeze(attendance[1]!)}名单：${item.text}`)
    } else if (!matter.remarks && REMARKS.test(item.text) && at > 0 && items[at - 1]!.kind === 'paragraph' && isDateAlone(items[at - 1]!.text)) {
      matter.remarks = item.text.trim()
      take(at--, 'remarks', `当作附注（成文日期下一行）：${item.text}`)
    }
  }
  return { matter, lines }
}

/** A title that names an official document (GB/T 9704 applies to it): ……的请示, ……的通知. */
const OFFICIAL_KIND = /(?:通知|通报|请示|批复|决定|意见|复函|函|公告|通告|议案|报告)$/u

/**
 * A document with a 发文字号, or titled as an official document, but no mark in the text (copied from a web page, which prints no
 * 版头): its issuers are the offices that sign it (国务院办公厅　中央军委办公厅), and a 函's
 * number (国办函〔2004〕36号) says it is set as a letter (信函格式, GB/T 9704 10.1).
 */
export function issuerFromSignature(matter: Partial<ImportedMatter>, signature: Item | undefined, note: Note): void {
  const official = matter.docNumber || OFFICIAL_KIND.test(matter.title ?? '')
  if (!official || matter.issuer || matter.mark || matter.format) return
  if (signature) {
    const issuers = signature.text.split(/[\s\u3000、]+/u).filter(Boolean)
    if (issuers.length > 0 && issuers.every(isOrganisation)) {
      matter.issuer = issuers.length > 1 ? issuers : issuers[0]!
      note(signature.block, `${matter.docNumber ? '有发文字号' : '是公文'}而没有发文机关标志：发文机关取自落款（${issuers.join('、')}），排 gongwen-a4 时印成版头`, 'import-official-head')
    }
  }
  if (matter.docNumber && /函/u.test(matter.docNumber) && matter.issuer) {
    matter.format = '信函'
    if (signature) note(signature.block, `发文字号“${matter.docNumber}”是函：按信函格式排（format: 信函）`, 'import-official-head')
  }
}
