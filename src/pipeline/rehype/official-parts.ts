/**
 * The parts of an official document (GB/T 9704-2012) that are not its text, built from the
 * front matter (with booklet.yaml's `official` defaults): the 版头 (7.2, and the heads of the
 * 信函、命令、纪要 formats of §10), the 版记 (7.4) and a 纪要's 出席/请假/列席 lists (10.3).
 * Geometry that depends on the content (how many names the mark stacks, how much it must be
 * narrowed to fit the 版心, how many rows of 签发人) is handed to gongwen.css as custom
 * properties; every distance the standard gives is in the style sheet.
 */
import type { Element } from 'hast'
import { h } from 'hastscript'
import type { Official } from '../../config/schema.ts'
import { formatArabicDate } from '../../text/chinese-date.ts'

export type OfficialMatter = Official & { docNumber?: string }

/** The 版心 is 28 字 wide; the mark is set at most this size (初号, 42 pt ≈ 15 mm high). */
const MARK_SIZE_PT = 42
const MEASURE_PT = 28 * 15.793
/** Offices narrow a long mark (Word's 字符缩放) rather than shrink it, down to this. */
const MIN_MARK_SCALE = 0.6

/** An article's official fields over booklet.yaml's `official` defaults (a value the article leaves out is the office's). */
export function officialOf(defaults: Official, matter: object): OfficialMatter {
  const own = Object.fromEntries(Object.entries(matter).filter(([, value]) => value !== undefined))
  return { ...defaults, ...own }
}

/** One name or several, as a list. */
function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** Whether the article has a 版头 to print: a mark, or any of the elements above it. */
export function hasOfficialHead(o: OfficialMatter): boolean {
  return Boolean(o.issuer || o.mark || o.copyNumber || o.secrecy || o.urgency || o.signers)
}

/** 文件: the issuers + 文件 (joint: the names stacked, 文件 beside them); 信函: the (first) issuer; 命令: + 令; 纪要: + 纪要. */
function markLines(o: OfficialMatter): { names: string[]; word?: string } | undefined {
  if (o.mark) return { names: [o.mark] }
  const issuers = asList(o.issuer)
  if (issuers.length === 0) return undefined
  switch (o.format ?? '文件') {
    case '信函':
      // 10.1: a joint letter carries the lead issuer's mark only.
      return { names: [issuers[0]!] }
    case '命令':
      return { names: [`${issuers[0]!}令`] }
    case '纪要':
      return { names: [issuers[0]!.endsWith('纪要') ? issuers[0]! : `${issuers[0]!}纪要`] }
    default:
      if (issuers.length === 1) return { names: [issuers[0]!.endsWith('文件') ? issuers[0]! : `${issuers[0]!}文件`] }
      return { names: issuers, word: '文件' }
  }
}

/** Width in 字 (a Latin letter or digit ½). */
function width(text: string): number {
  return [...text].reduce((sum, ch) => sum + (/[\u0020-\u007e]/u.test(ch) ? 0.5 : 1), 0)
}

function markElement(o: OfficialMatter): { element: Element; style: string } | undefined {
  const mark = markLines(o)
  if (!mark) return undefined
  const chars = Math.max(...mark.names.map(width)) + (mark.word ? width(mark.word) + 0.5 : 0)
  // The names fill the 版心 at most: narrowed first, made smaller only past the narrowest.
  const fit = MEASURE_PT / (chars * MARK_SIZE_PT)
  const scale = Math.min(1, Math.max(MIN_MARK_SCALE, fit))
  const size = fit < MIN_MARK_SCALE ? (MARK_SIZE_PT * fit) / MIN_MARK_SCALE : MARK_SIZE_PT
  const style = `--mark-size: ${round(size)}pt; --mark-scale: ${round(scale)}; --mark-lines: ${mark.names.length}`
  const element = h('div.doc-mark', [
    h('span.doc-mark-names', mark.names.map((name) => h('span.doc-mark-name', name))),
    mark.word ? h('span.doc-mark-word', mark.word) : undefined,
  ])
  return { element, style }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}

/**
 * The 版头. `title` goes after it: the 版头 ends where the standard puts the title's first
 * line (two lines below the red rule; 命令: below the 令号).
 */
/**
 * 7.2.5: the year in 六角括号 and the number without leading zeros — 国发[2026]05号 is printed
 * 国发〔2026〕5号; a 令号 (第706号) is left as it is.
 */
export function standardDocNumber(text: string): string {
  return text.replace(/[［\[【(（〔]\s*(\d{4})\s*[］\]】)）〕]\s*0*(\d+)\s*号$/u, '〔$1〕$2号')
}

export function officialHead(o: OfficialMatter): Element | undefined {
  if (!hasOfficialHead(o)) return undefined
  const format = o.format ?? '文件'
  const flags = [
    o.copyNumber ? h('p.doc-copy-number', o.copyNumber) : undefined,
    o.secrecy ? h('p.doc-secrecy', o.secrecy) : undefined,
    o.urgency ? h('p.doc-urgency', o.urgency) : undefined,
  ].filter((x) => x !== undefined)
  const mark = markElement(o)
  const signers = asList(o.signers)
  // 7.2.6: two names a row; the 发文字号 on the row of the last one.
  const signerRows = Math.max(1, Math.ceil(signers.length / 2))
  const numberLine =
    o.docNumber || signers.length > 0
      ? h(`div.doc-number-line${signers.length > 0 ? '.with-signers' : ''}`, [
          o.docNumber ? h('p.doc-number', standardDocNumber(o.docNumber)) : h('p.doc-number'),
          signers.length > 0 ? h('p.doc-signers', [h('span.doc-signers-label', '签发人：'), h(`span.doc-signer-names${signers.length > 1 ? '.two-columns' : ''}`, signers.map((name) => h('span.doc-signer', name)))]) : undefined,
        ])
      : undefined
  const style = `--head-top: ${headTopMm(o)}mm; ${mark?.style ?? '--mark-lines: 0'}; --signer-rows: ${signerRows}; --flag-lines: ${flags.length}`
  const classes = ['doc-head', `doc-head-${FORMAT_CLASS[format]}`, mark ? 'has-mark' : 'no-mark', numberLine ? 'has-number' : 'no-number']
  return h('div', { className: classes, style }, [
    flags.length > 0 ? h('div.doc-flags', flags) : undefined,
    mark?.element,
    numberLine,
    format === '命令' ? undefined : h('div.doc-head-rule', { ariaHidden: 'true' }),
  ])
}

/**
 * From the top of the type area to the top of the mark: 35 mm (7.2.4; offices set 80 mm and more
 * for 上行文), a 命令 20 mm (10.2), a 信函 30 mm from the top edge of the paper (10.1), i.e. 7 mm
 * above the type area of a 37 mm top margin.
 */
const HEAD_TOP = { 文件: 35, 信函: -7, 命令: 20, 纪要: 35 } as const

/** Where the mark's characters stand below the top of the type area, in mm (the layout and the preflight both ask). */
export function headTopMm(o: OfficialMatter): number {
  return o.headTop ?? HEAD_TOP[o.format ?? '文件']
}

export const FORMAT_CLASS = { 文件: 'file', 信函: 'letter', 命令: 'order', 纪要: 'minutes' } as const

/** 7.3.6: the 附注, in parentheses, on the line after the date. */
export function remarksElement(o: OfficialMatter): Element | undefined {
  if (!o.remarks) return undefined
  const text = /^[（(].*[）)]$/u.test(o.remarks) ? o.remarks : `（${o.remarks}）`
  return h('p.doc-remarks', text)
}

/** 10.3: 出席、请假、列席, each a label in 黑体 and the names after it, wrapped under the first name. */
export function attendanceElement(o: OfficialMatter): Element | undefined {
  const lists = (
    [
      ['出席', o.present],
      ['请假', o.absent],
      ['列席', o.attending],
    ] as const
  ).filter(([, value]) => value !== undefined)
  if (lists.length === 0) return undefined
  return h(
    'div.doc-attendance',
    lists.map(([label, value]) => h('p.doc-attendance-list', [h('span.doc-attendance-label', `${label}：`), h('span.doc-attendance-names', asList(value).join('，'))])),
  )
}

/** 7.4: the 版记 — (主题词,) 抄送, 印发机关和印发日期 — set at the foot of the last page by the page driver. */
export function colophonElement(o: OfficialMatter): Element | undefined {
  const cc = asList(o.cc)
  const letter = o.format === '信函'
  const items: Element[] = []
  if (o.keywords) items.push(h('p.colophon-item.colophon-keywords', [h('span.colophon-label', '主题词：'), h('span.colophon-text', o.keywords)]))
  if (cc.length > 0) {
    const text = cc.join('，').replace(/[，,；;。.\s]*$/u, '。')
    items.push(h('p.colophon-item.colophon-cc', [h('span.colophon-label', '抄送：'), h('span.colophon-text', text)]))
  }
  // 10.1: a letter's 版记 has no 印发机关和印发日期 and no rules.
  if (!letter && (o.printer || o.printDate)) {
    items.push(
      h('p.colophon-item.colophon-print', [
        h('span.colophon-printer', o.printer ?? ''),
        o.printDate ? h('span.colophon-print-date', `${formatArabicDate(o.printDate)}印发`) : undefined,
      ]),
    )
  }
  if (items.length === 0) return undefined
  return h(`div.colophon${letter ? '.colophon-letter' : ''}`, items)
}
