/**
 * Punctuation normalisation for Chinese text — typography.md §5 (GB/T 15834-2011) and §6 (GB/T 15835-2011).
 * Input: the text of one paragraph or heading. Spans that must not change (§5.2, T-1 … T-21) are protected first;
 * the PN rules then run in the spec's order. Every rule proposes edits on the working text; a Draft keeps the
 * working text as pieces of the original, so each change is reported at its offset in the ORIGINAL input and
 * the changes never overlap (apply them from the end backwards to rewrite the source).
 * Never NFKC (nor NFC, which would move offsets): only the explicit maps below.
 */

export interface PunctuationChange {
  /** 'PN-3'; rules that edited the same characters are joined: 'PN-1+PN-19'. */
  rule: string
  /** Offset and length of the replaced span in the INPUT string (UTF-16 units). */
  offset: number
  length: number
  from: string
  to: string
  message: string
}
export interface NormalizeOptions {
  /** Default false: PN-2 removes spaces between Han and Latin/digits; true keeps them. */
  latinSpacing?: boolean
  /**
   * The paragraph's text before / after this string (other inline nodes: links, emphasis, code), read as
   * context and never edited. Leading spaces are a manual indent only when nothing comes before.
   */
  before?: string
  after?: string
  /** The quotes the paragraph leaves open before this string (see quotesOpenAfter): PN-6 pairs across inline nodes. */
  open?: OpenQuotes
}
export interface OpenQuotes { double: boolean; single: boolean }
export interface PunctuationLint {
  rule: string
  offset: number
  length: number
  message: string
}

// ---------------------------------------------------------------- characters and context

const HAN = /\p{Script=Han}/u
const CJK_MARK = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”‘’…—·]/u
const LATIN_OR_DIGIT = /[\p{Script=Latin}0-9]/u
const SPACE = /[ \u00A0\u3000\t\r\n]/u
const CN_DIGIT = '[一二三四五六七八九十]'

const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch)
/** Han or CJK (full-width) punctuation; also where a bare URL ends (T-4). */
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && (HAN.test(ch) || CJK_MARK.test(ch))
const isLatin = (ch: string | undefined): boolean => ch !== undefined && LATIN_OR_DIGIT.test(ch)

/** The whole code point that starts at i / ends at i (Han extension B is two UTF-16 units). */
function charAfter(text: string, i: number): string | undefined {
  const cp = text.codePointAt(i)
  return cp === undefined ? undefined : String.fromCodePoint(cp)
}
function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined
  const low = text.charCodeAt(i - 1)
  const pair = i >= 2 && low >= 0xdc00 && low <= 0xdfff && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff
  return text.slice(pair ? i - 2 : i - 1, i)
}
/** Nearest non-space character before i / from i on. */
function prevSolid(text: string, i: number): string | undefined {
  for (let c = charBefore(text, i); c !== undefined; i -= c.length, c = charBefore(text, i)) if (!SPACE.test(c)) return c
  return undefined
}
function nextSolid(text: string, i: number): string | undefined {
  for (let c = charAfter(text, i); c !== undefined; i += c.length, c = charAfter(text, i)) if (!SPACE.test(c)) return c
  return undefined
}
/** §5 "CJK context": the nearest non-space character on at least one side is Han or CJK punctuation. */
const inCjkContext = (text: string, start: number, end: number): boolean => isCjk(prevSolid(text, start)) || isCjk(nextSolid(text, end))
/** An apostrophe inside an English word (T-17 don't, China's). */
const isApostrophe = (text: string, i: number): boolean => /[A-Za-z]/.test(text[i - 1] ?? '') && /[A-Za-z]/.test(text[i + 1] ?? '')

// ---------------------------------------------------------------- the draft: working text as pieces of the original

interface Piece { from: number; to: number; text: string; rules: string[]; messages: string[]; locked: boolean }
interface Edit { start: number; end: number; to: string; rule: string; message: string }
const edit = (start: number, end: number, to: string, rule: string, message: string): Edit => ({ start, end, to, rule, message })

class Draft {
  private pieces: Piece[]
  constructor(private readonly source: string) {
    this.pieces = [{ from: 0, to: source.length, text: source, rules: [], messages: [], locked: false }]
  }
  get text(): string { return this.pieces.map((p) => p.text).join('') }
  /** locked[i]: working character i belongs to a protected span. */
  lockedMask(): boolean[] {
    const mask: boolean[] = []
    for (const p of this.pieces) for (let i = 0; i < p.text.length; i++) mask.push(p.locked)
    return mask
  }
  private startOf(index: number): number { return this.pieces.slice(0, index).reduce((n, p) => n + p.text.length, 0) }
  /** Cuts an unchanged piece at working position pos; returns the index of the piece starting at or containing pos. */
  private split(pos: number): number {
    for (let i = 0, start = 0; i < this.pieces.length; start += this.pieces[i]!.text.length, i++) {
      const p = this.pieces[i]!
      if (pos === start && p.text.length) return i
      if (pos >= start + p.text.length) continue
      if (p.rules.length) return i // a changed piece is never cut: the edit grows to cover it
      const cut = pos - start
      this.pieces.splice(i, 1, { ...p, to: p.from + cut, text: p.text.slice(0, cut) }, { ...p, from: p.from + cut, text: p.text.slice(cut) })
      return i + 1
    }
    return this.pieces.length
  }
  /** Pieces covering working [start, end), as an index range. */
  private cover(start: number, end: number): [number, number] {
    const first = this.split(start)
    let last = this.split(end)
    if (this.startOf(last) !== end) last++
    while (last > first && !this.pieces[last - 1]!.text) last-- // leave deletions next to the span alone
    return [first, last]
  }
  /** Forgets the protected spans (each pass protects them again, on its own working text). */
  unprotect(): void { for (const p of this.pieces) p.locked = false }
  protect(start: number, end: number): void {
    if (end <= start) return
    const [a, b] = this.cover(start, end)
    for (let i = a; i < b; i++) this.pieces[i]!.locked = true
  }
  /** Applies one edit; false if it touches a protected span. */
  apply(e: Edit): boolean {
    const [a, b] = this.cover(e.start, e.end)
    const covered = this.pieces.slice(a, b)
    if (!covered.length || covered.some((p) => p.locked)) return false
    const offset = this.startOf(a)
    const joined = covered.map((p) => p.text).join('')
    const text = joined.slice(0, e.start - offset) + e.to + joined.slice(e.end - offset)
    const from = covered[0]!.from
    const to = covered[covered.length - 1]!.to
    const same = text === this.source.slice(from, to)
    const rules = [...new Set([...covered.flatMap((p) => p.rules), e.rule])]
    const messages = [...new Set([...covered.flatMap((p) => p.messages), e.message])]
    this.pieces.splice(a, b - a, { from, to, text, rules: same ? [] : rules, messages: same ? [] : messages, locked: false })
    return true
  }
  changes(): PunctuationChange[] {
    return this.pieces
      .filter((p) => p.rules.length)
      .map((p) => ({
        rule: p.rules.join('+'),
        offset: p.from,
        length: p.to - p.from,
        from: this.source.slice(p.from, p.to),
        to: p.text,
        message: p.messages.join('；'),
      }))
  }
}

// ---------------------------------------------------------------- protected spans (§5.2)

/**
 * A URL, www. address or e-mail address (T-4): GFM makes each an autolink that runs to the next whitespace,
 * or to the next Han character or full-width mark (remark/autolink-ends.ts).
 */
const LINK_START = /(?:https?|ftp):\/\/|www\.|[A-Za-z0-9._%+-]@[A-Za-z0-9-]+\.[A-Za-z0-9]/iu
const inAddress = (ch: string): boolean => !/\s/u.test(ch) && !isCjk(ch)
/** The run of characters that ends / starts the text and could be (the end of) an address. */
function lastWord(text: string): string {
  let i = text.length
  for (let c = charBefore(text, i); c !== undefined && inAddress(c); c = charBefore(text, i)) i -= c.length
  return text.slice(i)
}
function firstWord(text: string): string {
  let i = 0
  for (let c = charAfter(text, i); c !== undefined && inAddress(c); c = charAfter(text, i)) i += c.length
  return text.slice(0, i)
}

const TRAILING_ASCII_MARKS = /[.,;:!?)\]'"]+$/u
const PROTECTED: { re: RegExp; trim?: boolean }[] = [
  { re: /(?:https?|ftp):\/\/[^\s\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’<>"]+/gu, trim: true }, // T-4 URL
  // T-4 a URL's closing ASCII marks stay out of a GFM autolink only while whitespace follows; made full-width they would join it
  { re: /(?:(?:https?|ftp):\/\/|\bwww\.)[^\s\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’<>"]+(?=\s|$)/gu },
  { re: /\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:\/[^\s\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’]*)?/gu, trim: true },
  { re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gu }, // T-4 e-mail
  { re: /\b[A-Za-z]:\\[^\s\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’]*/gu, trim: true }, // T-4 Windows path
  { re: /(?:[\w.~-]*\/)+[\w.-]+\/?/gu, trim: true }, // T-4 paths, GB/T, 1/2, and/or
  { re: /\b(?:GB|GBZ|GJB|JGJ|JB|JT|YY|HJ|DL|SL|TB|QB|CJJ|WS|ISO|IEC|DB\d{0,2})(?:\/[TZ])?\s?\d+(?:\.\d+)*(?:\s?[-—–]\s?\d{2,4})?/gu }, // T-7
  { re: /(?<!\d)\d{4}([-/.])\d{1,2}\1\d{1,2}(?!\d)/gu }, // T-8 ISO date
  { re: /(?<!\d)(?:0\d{2,3}-\d{7,8}|1\d{2}-\d{4}-\d{4}|400-\d{3}-\d{4})(?!\d)/gu }, // T-8 phone
  { re: /(?<!\d)(?:\d+(?:[.:∶]\d+)+%?|\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d))/gu }, // T-1, T-2, T-3
  { re: /[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+\.?/gu }, // T-1 v2.1.3, T-6 U.S. e.g. Ph.D., T-13 Node.js, T-19 E.F.
  { re: /\bNo\.\s?\d+/gu }, // T-6
  { re: /[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+/gu }, // T-9 COVID-19 Wi-Fi
  { re: /(?![年月日号])\p{Script=Han}-\d+(?![\d年月日号])/gu }, // T-9 碳-14
  { re: /(?<![\d.])\d+(?:,\d+)*-(?=\p{Script=Han})/gu }, // T-9 3-戊酮
  { re: /Yahoo!|Jeopardy!|\b[A-Za-z]\+\+|\b[A-Za-z]#|\.NET\b/gu }, // T-13
  { re: /\[\d{1,3}(?:[-–,]\d{1,3})*\]/gu }, // T-18 [1]
  { re: /(?<=[A-Za-z])['’](?=[A-Za-z])/gu }, // T-17
  { re: /(?<=第[〇零一二三四五六七八九十百千]+[编章节条款])\u3000/gu }, // 第一条　 in regulations: the ideographic space is layout
]
/** T-6: two or more English words with spaces and ASCII punctuation between them. */
const ENGLISH_RUN = /[A-Za-z][A-Za-z0-9'’-]*(?:[ ,;:!?.()"']+(?:[A-Za-z][A-Za-z0-9'’-]*|\d+))+[.,;:!?")']*/gu

function protectSpans(draft: Draft, options: NormalizeOptions): void {
  const text = draft.text
  // the rest of a URL that ends in the text before (an autolink's closing ASCII marks, see above) — unless
  // Chinese follows them directly: then the link ends before them (remark/autolink-ends.ts) and they are the sentence's
  const closing = /^[!"'),.:;?_~*\]]*/u.exec(text)![0].length
  if (LINK_START.test(lastWord(options.before ?? '')) && !isCjk(charAfter(text, closing))) draft.protect(0, closing)
  for (const { re, trim } of PROTECTED) {
    for (const m of text.matchAll(re)) draft.protect(m.index, m.index + (trim ? m[0].replace(TRAILING_ASCII_MARKS, '') : m[0]).length)
  }
  for (const m of text.matchAll(ENGLISH_RUN)) {
    let run = m[0]
    if (!/ /.test(run)) continue
    // a quote or bracket that closes outside the run belongs to the Chinese sentence around it
    if ((run.match(/"/g) ?? []).length % 2) run = run.replace(/"[^"]*$/, '')
    if ((run.match(/(?<![A-Za-z])'|'(?![A-Za-z])/g) ?? []).length % 2) run = run.replace(/'[^']*$/, '')
    if ((run.match(/\)/g) ?? []).length > (run.match(/\(/g) ?? []).length) run = run.replace(/\)[^)]*$/, '')
    draft.protect(m.index, m.index + run.length)
  }
}

// ---------------------------------------------------------------- rules

interface Context { locked: boolean[]; options: NormalizeOptions }
type Rule = (text: string, ctx: Context) => Edit[]

/** PN-1 full-width ASCII letters/digits → ASCII. */
const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]+/gu
const toAscii = (fullwidth: string): string => fullwidth.replace(/./gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
const fullwidthAlnum: Rule = (text) =>
  [...text.matchAll(FULLWIDTH_ALNUM)].map((m) => edit(m.index, m.index + m[0].length, toAscii(m[0]), 'PN-1', '全角字母、数字改为半角'))

/** Latin letter or digit next to i, looking through ASCII punctuation that belongs to it (`"Yes." 这`). */
const latinBefore = (text: string, i: number): boolean => isLatin(charBefore(text, i - (/[.,;:!?"')\]%]*$/u.exec(text.slice(0, i))?.[0].length ?? 0)))
const latinAfter = (text: string, i: number): boolean => isLatin(charAfter(text, i + (/^["'(\[]*/u.exec(text.slice(i))?.[0].length ?? 0)))

/**
 * PN-2 spaces between CJK items, between Han and Latin/digits (unless latinSpacing), and a leading manual indent.
 * A space next to a URL or e-mail address stays: it ends the (auto)link (T-4).
 */
const SPACE_RUN = /[ \u00A0\u3000]+/gu
/** Zero-width space, word joiner, a BOM inside the text: pasted from web pages and chat apps, invisible, but copied with the PDF's text. */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]+/gu
const spaces: Rule = (text, { options }) => {
  const edits: Edit[] = [...text.matchAll(ZERO_WIDTH)].map((m) => edit(m.index, m.index + m[0].length, '', 'PN-2', '删除看不见的零宽字符'))
  for (const m of text.matchAll(SPACE_RUN)) {
    const [start, end] = [m.index, m.index + m[0].length]
    const head = (options.before ?? '') + text.slice(0, start)
    const tail = text.slice(end) + (options.after ?? '')
    const [l, r] = [charBefore(head, head.length), charAfter(tail, 0)]
    let message: string | undefined
    if (head === '') message = '删除段首的手工缩进空格'
    else if (LINK_START.test(lastWord(head)) || LINK_START.test(firstWord(tail))) continue
    else if (isCjk(l) && isCjk(r)) message = '删除中文之间的空格'
    else if ((isCjk(l) && latinAfter(tail, 0)) || (latinBefore(head, head.length) && isCjk(r))) {
      if (!options.latinSpacing || !(isHan(l) || isHan(r))) message = '删除中文与西文、数字之间的空格'
    }
    if (message) edits.push(edit(start, end, '', 'PN-2', message))
  }
  return edits
}

/** PN-19 zero-padded month/day with units: 2026年01月05日 → 2026年1月5日. */
const ZERO_PADDED = /(?<!\d)0(?=[1-9][月日])/gu
const zeroPaddedDates: Rule = (text) =>
  [...text.matchAll(ZERO_PADDED)].map((m) => edit(m.index, m.index + 1, '', 'PN-19', '日期中的月、日不加补位的“0”'))

/** PN-20 document-number year brackets → 〔〕: 国办发[2026]3号. */
const DOC_NUMBER_YEAR = /(?<=\p{Script=Han})[[(（【](?:19|20)\d{2}[\])）】](?=第?\d+号)/gu
const docNumberBrackets: Rule = (text) =>
  [...text.matchAll(DOC_NUMBER_YEAR)].flatMap((m) => [
    edit(m.index, m.index + 1, '〔', 'PN-20', '发文字号的年份用六角括号“〔〕”'),
    edit(m.index + 5, m.index + 6, '〕', 'PN-20', '发文字号的年份用六角括号“〔〕”'),
  ])

/** PN-13 time ranges (起止) → 一字线: 2021-2025年, 1949——2049年, 3月5日-10日. */
const RANGE_SEPARATOR = '(?:——|[-–~～〜－])'
const YEAR = '(?:1\\d|20|21)\\d{2}'
const YEAR_RANGE = new RegExp(`(?<![\\d.])(${YEAR})(${RANGE_SEPARATOR})(?=(${YEAR})(?![\\d.%‰℃元人万亿个件台吨米]))`, 'gu')
const DATE_RANGE = new RegExp(`(?<=\\d[年月日号])${RANGE_SEPARATOR}(?=\\d{1,4}[年月日号])`, 'gu')
const timeRanges: Rule = (text) => [
  ...[...text.matchAll(YEAR_RANGE)].filter((m) => Number(m[3]) > Number(m[1])).map((m) => ({ start: m.index + m[1]!.length, sep: m[2]! })),
  ...[...text.matchAll(DATE_RANGE)].map((m) => ({ start: m.index, sep: m[0] })),
].map(({ start, sep }) => edit(start, start + sep.length, '—', 'PN-13', '起止时间用一字线“—”'))

/** PN-12 numeric ranges (计量) → 浪纹线: 10~20人, 5-10亿元. */
const NUMERIC_RANGE = /(?<![\p{Script=Latin}\d.\-—])(-?\d+(?:\.\d+)?[%‰℃]?)( *[~〜\-–－] *)(?=(\d+(?:\.\d+)?(?:[%‰℃°]|\p{Script=Han}|[A-Za-z]{1,3}(?![A-Za-z]))))/gu
const numericRanges: Rule = (text) =>
  [...text.matchAll(NUMERIC_RANGE)]
    .filter((m) => HAN.test(m[3]!) || inCjkContext(text, m.index, m.index + m[0].length + m[3]!.length))
    .map((m) => edit(m.index + m[1]!.length, m.index + m[0].length, '～', 'PN-12', '数值范围用浪纹线“～”'))

/** PN-10 破折号 variants → ——, never between two digits (T-14: a single — stays). */
const DASH_VARIANT = /-{2,3}|－{2}|[―—]{2}/gu
const dashes: Rule = (text) =>
  [...text.matchAll(DASH_VARIANT)]
    .filter((m) => m[0] !== '——' && inCjkContext(text, m.index, m.index + m[0].length))
    .filter((m) => !(/\d/.test(prevSolid(text, m.index) ?? '') && /\d/.test(nextSolid(text, m.index + m[0].length) ?? '')))
    // Issue 20 (F-10): a command-line option (--strict, --out) is no dash: hyphens right before a Latin letter stay.
    .filter((m) => !(m[0].startsWith('-') && /[A-Za-z]/.test(text[m.index + m[0].length] ?? '')))
    .map((m) => edit(m.index, m.index + m[0].length, '——', 'PN-10', '破折号统一为“——”'))

/** PN-9 ellipsis variants → ……: ... ...... 。。。 ⋯⋯ and a single (or tripled) …. */
const ELLIPSIS_VARIANT = /\.{3,}|。{3,}|．{3,}|⋯+|…+/gu
const ellipses: Rule = (text) =>
  [...text.matchAll(ELLIPSIS_VARIANT)]
    .filter((m) => !/^(?:……|…{4,})$/u.test(m[0]) && inCjkContext(text, m.index, m.index + m[0].length))
    .map((m) => edit(m.index, m.index + m[0].length, '……', 'PN-9', '省略号统一为“……”'))

/** The mark after a heading ordinal at the start (一. （一）、), left to PN-14. */
const ORDINAL_MARK = new RegExp(`^(?:${CN_DIGIT}{1,3}|[（(](?:${CN_DIGIT}{1,3}|\\d{1,2})[）)])[.,:;．，、。：；]`, 'u')
const ordinalMarkAt = (text: string): number => (ORDINAL_MARK.exec(text)?.[0].length ?? 0) - 1
const BRACKET_ORDINAL_BEFORE = new RegExp(`[（(](?:${CN_DIGIT}{1,3}|\\d{1,2})[）)]$`, 'u')

/** PN-3 ASCII , ; : ? ! in CJK context → ，；：？！ */
const ASCII_MARKS = /[,;:?!]+/gu
const FULLWIDTH: Record<string, [name: string, mark: string]> = {
  ',': ['逗号', '，'], ';': ['分号', '；'], ':': ['冒号', '：'], '?': ['问号', '？'], '!': ['叹号', '！'],
}
const asciiMarks: Rule = (text) =>
  [...text.matchAll(ASCII_MARKS)]
    .filter((m) => m.index !== ordinalMarkAt(text) && inCjkContext(text, m.index, m.index + m[0].length))
    // Issue 20 (F-10): a colon set against the number after it, a space before (端口 :443, 比例 :1), is a port or ratio, not a mark.
    .filter((m) => !(m[0] === ':' && /\d/.test(text[m.index + 1] ?? '') && /^$|\s/u.test(text[m.index - 1] ?? '')))
    .map((m) => {
      const marks = [...m[0]].map((c) => FULLWIDTH[c]!)
      const to = marks.map(([, w]) => w).join('')
      return edit(m.index, m.index + m[0].length, to, 'PN-3', `半角${[...new Set(marks.map(([n]) => n))].join('、')}改为全角“${to}”`)
    })

/** PN-4 ASCII . ending a sentence after Han or a closing mark → 。 (not between Han in 《》: PN-11). */
const SENTENCE_DOT = /(?<=[\p{Script=Han}”’）》〉」』】〕])\.(?=$|[ \u00A0\u3000"')”’）》〉」』】〕]|\p{Script=Han})/gu
const insideBookTitle = (text: string, i: number): boolean => text.slice(0, i).split('《').length > text.slice(0, i).split('》').length
const isOrdinalOrInterpunct = (text: string, i: number): boolean =>
  i === ordinalMarkAt(text) || BRACKET_ORDINAL_BEFORE.test(text.slice(0, i)) ||
  (insideBookTitle(text, i) && isHan(charBefore(text, i)) && isHan(charAfter(text, i + 1)))
/** A . right after a bare URL (in the text before) and right before Chinese ends the sentence, not the address. */
const dotAfterLink = (text: string, before = ''): boolean => text[0] === '.' && isCjk(charAfter(text, 1)) && LINK_START.test(lastWord(before))
/**
 * A . after a number that Chinese text leads into (电话：0913-1234567. 女党员35.), ending the
 * paragraph or a quotation: not a decimal (nothing follows), not English (Han or a CJK mark
 * before the number), and not an inline ordinal (要做到：1.加强学习: Han follows).
 */
const NUMBER_SENTENCE_DOT = /(?<=[\p{Script=Han}：，、；（“‘][\d\-:,/]*\d)\.(?=[ \u00A0\u3000]*$|[”’）》])/gu
/** Where this string ends, the paragraph ends too, or a quotation closes (emphasis may follow: 1.**加强**). */
const endsParagraph = (after = ''): boolean => /^(?:[ \u00A0\u3000]*$|[”’）》])/u.test(after)
const sentenceDots: Rule = (text, { options }) =>
  [
    ...text.matchAll(SENTENCE_DOT),
    ...[...text.matchAll(NUMBER_SENTENCE_DOT)].filter((m) => !/^[ \u00A0\u3000]*$/u.test(text.slice(m.index + 1)) || endsParagraph(options.after)),
    ...(dotAfterLink(text, options.before) ? [{ index: 0 }] : []),
  ]
    .filter((m) => !isOrdinalOrInterpunct(text, m.index))
    .map((m) => edit(m.index, m.index + 1, '。', 'PN-4', '句末的半角句点改为句号“。”'))

/** PN-5 ASCII parentheses next to or around CJK → （）, always as a pair; f(x), Windows(R), (a+b)² stay ASCII (T-15). */
const MATH_INSIDE = /[+\-*/=<>^]/u
const SUPERSCRIPT = /^[²³⁴⁵⁶⁷⁸⁹ⁿ^]/u
const ORDINAL_INSIDE = new RegExp(`^(?:\\d{1,2}|${CN_DIGIT}{1,3})$`, 'u')
const parentheses: Rule = (text, ctx) => {
  if (!/[()]/u.test(text)) return [] // only an ASCII parenthesis is ever changed
  const { locked } = ctx
  const edits: Edit[] = []
  const stack: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (locked[i]) continue
    if (text[i] === '(' || text[i] === '（') stack.push(i)
    if ((text[i] !== ')' && text[i] !== '）') || !stack.length) continue
    const open = stack.pop()!
    const [o, c, inner] = [text[open]!, text[i]!, text.slice(open + 1, i)]
    if (o === '（' && c === '）') continue
    const ordinal = open === 0 && ORDINAL_INSIDE.test(inner) // (1)、(一) at the start: a heading ordinal
    const latinOrMath = isLatin(charBefore(text, open)) || MATH_INSIDE.test(inner) || SUPERSCRIPT.test(text.slice(i + 1))
    const widen = o === '（' || c === '）' || ordinal || [...inner].some(isCjk) || (!latinOrMath && inCjkContext(text, open, i + 1))
    if (!widen) continue
    const message = '半角括号改为全角“（）”'
    if (o === '(') edits.push(edit(open, open + 1, '（', 'PN-5', message))
    if (c === ')') edits.push(edit(i, i + 1, '）', 'PN-5', message))
  }
  return edits.sort((a, b) => a.start - b.start)
}

/** PN-6 straight quotes " ＂ ' ＇ in CJK context → paired “” ‘’ (they alternate open/close within the paragraph). */
const QUOTE_KINDS = [
  { kind: 'double', straight: '"＂', open: '“', close: '”' },
  { kind: 'single', straight: "'＇", open: '‘', close: '’' },
] as const

/** Which quotes are open at the end of `text`: a curly quote opens or closes, a straight one (not an apostrophe) toggles. */
export function quotesOpenAfter(text: string, open: OpenQuotes = { double: false, single: false }): OpenQuotes {
  return quoteStatesAt(text, [text.length], open)[0]!
}

/**
 * The quotes open before each of `offsets` (ascending) of `text`, as quotesOpenAfter(text.slice(0, offset))
 * finds them (an apostrophe told by both its neighbours), in one reading of the text (issue 20: a paragraph of 10,000 inline spans asked
 * quotesOpenAfter once for each, from the paragraph's start every time).
 */
export function quoteStatesAt(text: string, offsets: readonly number[], open: OpenQuotes = { double: false, single: false }): OpenQuotes[] {
  const state = { ...open }
  const states: OpenQuotes[] = []
  let i = 0
  for (const offset of offsets) {
    for (; i < offset && i < text.length; i++) {
      const c = text[i]!
      for (const { kind, straight, open: opening, close } of QUOTE_KINDS) {
        if (c === opening || c === close) state[kind] = c === opening
        // An apostrophe is one whatever follows the offset (don' | t split by emphasis is still don't).
        else if (straight.includes(c) && !isApostrophe(text, i)) state[kind] = !state[kind]
      }
    }
    states.push({ ...state })
  }
  return states
}

const straightQuotes: Rule = (text, ctx) => {
  if (!/["＂'＇]/u.test(text)) return []
  const { locked, options } = ctx
  const edits: Edit[] = []
  for (const { kind, straight, open, close } of QUOTE_KINDS) {
    const positions = Array.from({ length: text.length }, (_, i) => i).filter((i) => straight.includes(text[i]!) && !locked[i] && !isApostrophe(text, i))
    const message = `直引号改为中文引号“${open}${close}”`
    const openAt = (i: number): boolean => quoteStatesAt(text, [i], options.open)[0]![kind]
    let k = 0
    if (positions.length && options.open?.[kind] && openAt(positions[0]!)) {
      // closes a quote opened before this string, with a link or emphasis in between: “[文字](url)"
      const a = positions[0]!
      const head = (options.before ?? '') + text.slice(0, a)
      if (isCjk(prevSolid(head, head.length)) || inCjkContext(text, a, a + 1)) edits.push(edit(a, a + 1, close, 'PN-6', message))
      k = 1
    }
    for (; k < positions.length; k += 2) {
      const [a, b] = [positions[k]!, positions[k + 1]]
      if (b === undefined) {
        // an unpaired quote: closing if a curly quote is open before it, else opening (T-12)
        const closes = text.lastIndexOf(open, a) > text.lastIndexOf(close, a)
        if (inCjkContext(text, a, a + 1)) edits.push(edit(a, a + 1, closes ? close : open, 'PN-6', message))
      } else if ([...text.slice(a + 1, b)].some(isCjk) || inCjkContext(text, a, b + 1)) {
        edits.push(edit(a, a + 1, open, 'PN-6', message), edit(b, b + 1, close, 'PN-6', message))
      }
    }
  }
  return edits.sort((x, y) => x.start - y.start)
}

/** PN-7 corner brackets → mainland quotes: 「」→“” 『』→‘’. */
const CORNER: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' }
const cornerBrackets: Rule = (text) =>
  [...text.matchAll(/[「」『』]/gu)].map((m) => edit(m.index, m.index + 1, CORNER[m[0]]!, 'PN-7', `直角引号改为“${CORNER[m[0]]}”`))

/** Matched pairs of the given bracket kinds, with the nearest enclosing CLOSED pair as parent. */
interface Pair { open: number; close: number; kind: number; parent?: Pair }
function nestedPairs(text: string, kinds: string[], locked: boolean[]): Pair[] {
  const stack: { pos: number; kind: number }[] = []
  const found: { pair: Pair; parentOpen?: number }[] = []
  for (let i = 0; i < text.length; i++) {
    if (locked[i] || isApostrophe(text, i)) continue
    const kind = kinds.findIndex((k) => k.includes(text[i]!))
    if (kind < 0) continue
    if (text[i] === kinds[kind]![0]) { stack.push({ pos: i, kind }); continue }
    const at = stack.map((s) => s.kind).lastIndexOf(kind)
    if (at < 0) continue
    const [opened] = stack.splice(at)
    found.push({ pair: { open: opened!.pos, close: i, kind }, parentOpen: stack[stack.length - 1]?.pos })
  }
  const byOpen = new Map(found.map(({ pair }) => [pair.open, pair]))
  for (const f of found) f.pair.parent = f.parentOpen === undefined ? undefined : byOpen.get(f.parentOpen)
  return found.map((f) => f.pair).sort((a, b) => a.open - b.open)
}

/** A pair can be nested in another only where its opening mark occurs at least twice. */
const twice = (text: string, mark: string): boolean => text.indexOf(mark) !== text.lastIndexOf(mark)

/** Re-kinds pairs top-down: a pair of kind `outer` directly inside a pair that ends up `outer` becomes `inner`. */
function renest(text: string, kinds: string[], locked: boolean[], rule: string, message: string): Edit[] {
  const result = new Map<Pair, number>()
  const edits: Edit[] = []
  for (const pair of nestedPairs(text, kinds, locked)) {
    const becomes = pair.kind === 0 && pair.parent && result.get(pair.parent) === 0 ? 1 : pair.kind
    result.set(pair, becomes)
    if (becomes === pair.kind) continue
    edits.push(edit(pair.open, pair.open + 1, kinds[becomes]![0]!, rule, message), edit(pair.close, pair.close + 1, kinds[becomes]![1]!, rule, message))
  }
  return edits.sort((a, b) => a.start - b.start)
}

/** PN-8 a double-quoted pair inside a double-quoted pair becomes single: “坚持“两个维护”不动摇” → “坚持‘两个维护’不动摇”. */
const nestedQuotes: Rule = (text, ctx) => (twice(text, '“') ? renest(text, ['“”', '‘’'], ctx.locked, 'PN-8', '引号里面再用引号时改为单引号‘’') : [])

/** PN-15 a book title inside a book title: inner 《》 → 〈〉. */
const nestedBookTitles: Rule = (text, ctx) => (twice(text, '《') ? renest(text, ['《》', '〈〉'], ctx.locked, 'PN-15', '书名号里面再用书名号时改为〈〉') : [])

/** PN-11 interpunct variants between Han name parts → ·; ASCII . only inside 《》 (T-19: E.F.舒马赫 keeps its stops). */
const INTERPUNCT_VARIANT = /(?<=\p{Script=Han})[•・‧．∙･.](?=\p{Script=Han})/gu
const interpuncts: Rule = (text) =>
  [...text.matchAll(INTERPUNCT_VARIANT)]
    .filter((m) => m.index !== ordinalMarkAt(text) && (m[0] !== '.' || insideBookTitle(text, m.index)))
    .map((m) => edit(m.index, m.index + 1, '·', 'PN-11', '间隔号统一为“·”'))

/** PN-14 heading ordinals (GB/T 15834 B.3): 1、→1.  （一）、→（一）  一.→一、  第一、→第一， */
const ARABIC_ORDINAL = /^\d{1,2}[、．](?!\d)/u
const BRACKET_ORDINAL = new RegExp(`^（(?:${CN_DIGIT}{1,3}|\\d{1,2})）[、，．.。：:,；;]`, 'u')
const RUN_IN_BRACKET_ORDINAL = new RegExp(`（(?:${CN_DIGIT}{1,3}|\\d{1,2})）[、．.]`, 'gu')
const CHINESE_ORDINAL = new RegExp(`^${CN_DIGIT}{1,3}[.．，,]`, 'u')
const DI_ORDINAL = new RegExp(`第${CN_DIGIT}{1,3}、(?![一二三四五六七八九十第])`, 'gu')
const headingOrdinals: Rule = (text) => {
  const edits: Edit[] = []
  const at = (m: RegExpExecArray | null): number => (m ? m[0].length - 1 : -1)
  const [arabic, bracket, chinese] = [at(ARABIC_ORDINAL.exec(text)), at(BRACKET_ORDINAL.exec(text)), at(CHINESE_ORDINAL.exec(text))]
  if (arabic >= 0) edits.push(edit(arabic, arabic + 1, '.', 'PN-14', '阿拉伯数字序号后用“.”'))
  if (bracket >= 0) edits.push(edit(bracket, bracket + 1, '', 'PN-14', '括号序号后不再加标点'))
  if (chinese >= 0) edits.push(edit(chinese, chinese + 1, '、', 'PN-14', '汉字序号后用顿号“、”'))
  const lastChar = (m: RegExpExecArray, to: string, message: string): Edit => edit(m.index + m[0].length - 1, m.index + m[0].length, to, 'PN-14', message)
  for (const m of text.matchAll(RUN_IN_BRACKET_ORDINAL)) edits.push(lastChar(m, '', '括号序号后不再加标点'))
  for (const m of text.matchAll(DI_ORDINAL)) edits.push(lastChar(m, '，', '“第一”类序号后用逗号“，”'))
  return edits
}

/** PN-17 full-width colon between digits (times) → ASCII: 9：30 → 9:30. */
const COLON_IN_TIME = /(?<=\d)：(?=\d)/gu
const timeColons: Rule = (text) =>
  [...text.matchAll(COLON_IN_TIME)].map((m) => edit(m.index, m.index + 1, ':', 'PN-17', '时间中的冒号用半角“:”'))

/** PN-18 zero inside a run of Chinese digits before 年/号 → 〇 (not 一百零五年: 零 after a place value is a quantity). */
const CHINESE_DIGIT_RUN = /(?<![十百千万亿点\p{Script=Latin}\d])[〇○O0零一二三四五六七八九]{2,}(?=[年号〕])/gu
const chineseZeros: Rule = (text) =>
  [...text.matchAll(CHINESE_DIGIT_RUN)]
    .filter((m) => /[一二三四五六七八九]/u.test(m[0]))
    .flatMap((m) => [...m[0].matchAll(/[○O0零]/gu)].map((z) => m.index + z.index))
    .map((i) => edit(i, i + 1, '〇', 'PN-18', '年份、编号中的零写作“〇”'))

/** PN-16 duplicated marks: ，，→，  。。→。  、、→、  more than three ？/！ → three. */
const DUPLICATE_MARK = /，{2,}|(?<!。)。。(?!。)|、{2,}|[？！]{4,}/gu
const duplicateMarks: Rule = (text) =>
  [...text.matchAll(DUPLICATE_MARK)].map((m) => {
    const keep = /^[？！]/u.test(m[0]) ? 3 : 1
    return edit(m.index + keep, m.index + m[0].length, '', 'PN-16', keep === 1 ? '删除重复的标点' : '问号、叹号连用不超过三个')
  })

// ---------------------------------------------------------------- pipeline

/** §5.1 rule order. PN-2 runs again at the end for spaces next to marks that earlier rules made full-width. */
const PIPELINE: (Rule | 'protect')[] = [
  'protect', fullwidthAlnum, 'protect', spaces, zeroPaddedDates, docNumberBrackets, timeRanges, numericRanges, dashes, ellipses,
  asciiMarks, sentenceDots, parentheses, straightQuotes, cornerBrackets, nestedQuotes, interpuncts,
  headingOrdinals, nestedBookTitles, timeColons, chineseZeros, duplicateMarks, spaces,
]

/**
 * A mark one rule makes full-width can put another mark into CJK context, or after a closing mark, that an
 * earlier rule has already passed by (`'四个意识'.`: PN-4 runs before PN-6 makes the quote ’). The rules run
 * again until a pass changes nothing, so that one `check --fix` is enough (QA-1: norm(norm(x)) = norm(x)).
 */
const MAX_PASSES = 6

export function normalizePunctuation(text: string, options: NormalizeOptions = {}): { text: string; changes: PunctuationChange[] } {
  const draft = new Draft(text)
  for (let pass = 0, before = ''; pass < MAX_PASSES && draft.text !== before; pass++) {
    before = draft.text
    draft.unprotect() // as a fresh run on this text would: a span protected in an earlier pass may not be one now
    for (const step of PIPELINE) {
      if (step === 'protect') { protectSpans(draft, options); continue }
      // Most rules never look at the mask: it is made only for those that do (it was 60 % of the pipeline's time).
      let locked: boolean[] | undefined
      const edits = step(draft.text, { get locked() { return (locked ??= draft.lockedMask()) }, options })
      let limit = Infinity // apply from the end so earlier working offsets stay valid; drop overlaps
      for (const e of [...edits].sort((a, b) => b.start - a.start)) {
        if (e.end > limit || e.end <= e.start) continue
        if (draft.apply(e)) limit = e.start
      }
    }
  }
  return { text: draft.text, changes: draft.changes() }
}

// ---------------------------------------------------------------- lint (report only)

const BALANCED: [string, string, string][] = [['“', '”', '双引号'], ['‘', '’', '单引号'], ['（', '）', '括号'], ['《', '》', '书名号']]

/** QA-2 unbalanced “” ‘’ （） 《》 in one paragraph; a paragraph that opens with an unclosed “ is allowed (T-12). */
function unbalanced(text: string): PunctuationLint[] {
  const lints: PunctuationLint[] = []
  for (const [open, close, name] of BALANCED) {
    const stack: number[] = []
    for (let i = 0; i < text.length; i++) {
      if (isApostrophe(text, i)) continue
      if (text[i] === open) stack.push(i)
      else if (text[i] === close && stack.pop() === undefined) {
        lints.push({ rule: 'QA-2', offset: i, length: 1, message: `${name}不配对：${close} 前面没有对应的 ${open}` })
      }
    }
    for (const i of stack) {
      if (open === '“' && i === text.length - text.trimStart().length) continue
      lints.push({ rule: 'QA-2', offset: i, length: 1, message: `${name}不配对：${open} 没有对应的 ${close}` })
    }
  }
  return lints
}

/** PN-21 ，；： directly before a closing quote/bracket whose content already has a sentence-final mark (GB/T 15834 B.2.1). */
const MARK_BEFORE_CLOSING = /[，；：,;:](?=[”’）」』])/gu
const OPENER: Record<string, string> = { '”': '“', '’': '‘', '）': '（', '」': '「', '』': '『' }
function markBeforeClosing(text: string): PunctuationLint[] {
  return [...text.matchAll(MARK_BEFORE_CLOSING)]
    .filter((m) => /[。？！?!]/u.test(text.slice(text.lastIndexOf(OPENER[text[m.index + 1]!]!, m.index) + 1, m.index)))
    .map((m) => ({ rule: 'PN-21', offset: m.index, length: 1, message: `引号或括号内已有句末点号，末尾的“${m[0]}”请人工核对` }))
}

/** §5.2 lint-only: …… and 等/等等 are not used together. */
const ELLIPSIS_ETC = /……等/gu

export function lintPunctuation(text: string): PunctuationLint[] {
  const ellipsisEtc = [...text.matchAll(ELLIPSIS_ETC)].map((m) => ({ rule: 'ellipsis-etc', offset: m.index, length: 3, message: '省略号和“等”“等等”不宜同时使用' }))
  return [...unbalanced(text), ...markBeforeClosing(text), ...ellipsisEtc].sort((a, b) => a.offset - b.offset)
}
