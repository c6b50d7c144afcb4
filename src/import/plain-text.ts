/**
 * Plain text → source blocks. A pasted speech is one paragraph per line or paragraphs separated
 * by blank lines; text copied out of a PDF or an e-mail may also be hard-wrapped at a fixed width,
 * and those lines are joined again. Leading full-width spaces (the typed 2-字 indent) are dropped.
 * Pure: text in, blocks and notes out.
 */
import { typedOrdinal } from '../text/ordinals.ts'
import { TITLE_ENDINGS } from './items.ts'
import type { Table } from 'mdast'
import type { ImportNote, ImportResult, SourceBlock } from './source-blocks.ts'
import { structureToMarkdown } from './structure.ts'

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's "Unicode"), else GB18030 (which
 * includes GBK and GB2312). Undefined when none fits, when the result is not text at all, or
 * when the bytes read as GBK give mostly rare characters (see `unlikelyGbk`).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } | undefined {
  const candidates: TextEncoding[] =
    bytes[0] === 0xff && bytes[1] === 0xfe ? ['utf-16le'] : bytes[0] === 0xfe && bytes[1] === 0xff ? ['utf-16be'] : ['utf-8', 'gb18030']
  for (const encoding of candidates) {
    let text: string
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
    } catch {
      continue
    }
    if (encoding === 'gb18030' && unlikelyGbk(bytes)) return undefined
    return looksLikeText(text) ? { text, encoding } : undefined
  }
  return undefined
}

/**
 * Almost any bytes decode as GBK, so Japanese Shift_JIS (or other) text comes out as garbled
 * rare characters instead of an error. Chinese text in GBK is nearly all GB2312 level-1 hanzi
 * (the 3,755 common ones, lead bytes B0–D7) and GB2312 punctuation and full-width forms (lead
 * bytes A1–A3): a real speech has well under 1% of anything else, a text in traditional
 * characters about 40%. Shift_JIS read as GBK has none of them (its kana and most kanji land in
 * the GBK extension area). So: more than half of the non-ASCII characters outside those rows,
 * and at least 3 of them, is taken as "not GBK".
 */
export function unlikelyGbk(bytes: Uint8Array): boolean {
  let common = 0
  let other = 0
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!
    if (lead < 0x80) continue
    const trail = bytes[i + 1] ?? 0
    if (trail >= 0x30 && trail <= 0x39) {
      // A four-byte GB18030 sequence: never a common character.
      other++
      i += 3
      continue
    }
    i++
    if (trail >= 0xa1 && trail <= 0xfe && ((lead >= 0xa1 && lead <= 0xa3) || (lead >= 0xb0 && lead <= 0xd7))) common++
    else other++
  }
  return other >= 3 && other > common
}

/** The bytes are valid Shift_JIS and read as Japanese (with kana): said in the message. */
export function looksLikeShiftJis(bytes: Uint8Array): boolean {
  try {
    return /[\u3041-\u30ff]/u.test(new TextDecoder('shift_jis', { fatal: true }).decode(bytes))
  } catch {
    // Not Shift_JIS, or a Node.js built without that decoder.
    return false
  }
}

/** Binary junk decodes as GB18030 too; text has (almost) no control or private-use characters. */
function looksLikeText(text: string): boolean {
  const odd = text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ue000-\uf8ff\ufffd]/gu)?.length ?? 0
  return odd <= text.length / 1000
}

interface RawLine {
  line: number
  text: string
  indented: boolean
  afterBlank: boolean
}

/** Ends a paragraph for sure: a hard-wrapped line never ends in these. */
const ENDS_PARAGRAPH = /[。！？：；…”」』）)]$/u
const BULLET_OR_DASH = /^([•●◆◇■□▪▸►○※\-*]|——)/u

export function textToBlocks(text: string): { blocks: SourceBlock[]; notes: ImportNote[] } {
  const lines: RawLine[] = []
  let afterBlank = false
  text.split(/\r\n|\r|\n/u).forEach((raw, i) => {
    const content = raw.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/gu, '')
    if (content === '') {
      afterBlank = true
      return
    }
    lines.push({ line: i + 1, text: content, indented: /^[\s\u3000]/u.test(raw), afterBlank })
    afterBlank = false
  })
  const notes: ImportNote[] = []
  const width = wrapWidth(lines)
  const blocks: SourceBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!
    const rows = tableRows(lines, i)
    if (rows) {
      blocks.push({ line: start.line, where: `第 ${start.line} 行`, node: tableNode(rows.map((row) => row.text.split('\t'))) })
      notes.push({ line: start.line, message: `第 ${start.line}—${rows.at(-1)!.line} 行是用制表符分开的表格（从 Word 或网页复制），排为表格`, rule: 'import-table' })
      i += rows.length - 1
      continue
    }
    let value = start.text
    let why = '按固定宽度折行'
    for (;;) {
      if (width && i + 1 < lines.length && continuesOnNextLine(lines[i]!, lines[i + 1]!, width)) value += lines[++i]!.text
      else if (i + 1 < lines.length && brokenParagraph(lines, i)) {
        value += lines[++i]!.text
        why = '是复制网页时断开的一段'
      } else break
    }
    if (lines[i] !== start) notes.push({ line: start.line, message: `第 ${start.line}—${lines[i]!.line} 行${why}，合为一段`, rule: 'import-wrapped' })
    blocks.push({ line: start.line, where: `第 ${start.line} 行`, children: [{ type: 'text', value }], indented: start.indented })
  }
  return { blocks, notes }
}

/**
 * The width text was hard-wrapped at, when the file as a whole is hard-wrapped: most of its long
 * lines (20 字 and more) are within a character of one width, and at least three of those stop
 * mid-sentence. Undefined for one-paragraph-per-line text, whose long lines are as long as their
 * paragraphs happen to be (two of them sharing a width is chance, not a wrap).
 */
function wrapWidth(lines: RawLine[]): number | undefined {
  const long = lines.map(({ text }) => ({ width: Math.round(cells(text)), open: !ENDS_PARAGRAPH.test(text) })).filter((l) => l.width >= 20)
  const counts = new Map<number, number>()
  for (const { width, open } of long) if (open) counts.set(width, (counts.get(width) ?? 0) + 1)
  // Lines a character shorter or longer than the wrap width (a mark pushed over, digits) count too.
  const near = (w: number) => [w - 1, w, w + 1].reduce((sum, x) => sum + (counts.get(x) ?? 0), 0)
  const [best] = [...counts.keys()].map((w) => [w, near(w)] as const).sort((a, b) => b[1] - a[1] || b[0] - a[0])
  if (!best || best[1] < 2) return undefined
  // The share of long lines at that width, open or not (a wrapped paragraph's last line is shorter).
  const atWidth = long.filter((l) => Math.abs(l.width - best[0]) <= 1).length
  return atWidth >= long.length * 0.5 ? best[0] : undefined
}

/** Visual width in 字: digits and Latin letters are half as wide as Han characters. */
function cells(text: string): number {
  return [...text].reduce((sum, c) => sum + (/[\x20-\x7e]/u.test(c) ? 0.5 : 1), 0)
}

function continuesOnNextLine(line: RawLine, next: RawLine, width: number): boolean {
  if (next.afterBlank || next.indented || typedOrdinal(next.text) || BULLET_OR_DASH.test(next.text)) return false
  // A heading is never joined to what follows it, nor a line that closes a title block (……的通知,
  // ……上的讲话) to the date or occasion line in brackets under it.
  if (typedOrdinal(line.text) && cells(line.text) < width - 2) return false
  if (TITLE_ENDINGS.test(line.text) || /^[（(].*[）)]$/u.test(next.text)) return false
  const length = cells(line.text)
  // A line that stops on a comma or a 顿号 stops mid-sentence, even where a wrap came early.
  if (/[，、]$/u.test(line.text)) return length >= width - 4 && length <= width + 1
  return length >= width - 2 && length <= width + 1 && !ENDS_PARAGRAPH.test(line.text)
}

/** Two or more lines in a row with tabs between their fields: a table copied from Word or a web page. */
function tableRows(lines: RawLine[], start: number): RawLine[] | undefined {
  let end = start
  while (end < lines.length && lines[end]!.text.includes('\t')) end++
  return end - start >= 2 ? lines.slice(start, end) : undefined
}

function tableNode(cells: string[][]): Table {
  const width = Math.max(...cells.map((row) => row.length))
  return {
    type: 'table',
    align: Array.from({ length: width }, () => null),
    children: cells.map((row) => ({
      type: 'tableRow',
      children: Array.from({ length: width }, (_, k) => ({ type: 'tableCell', children: row[k]?.trim() ? [{ type: 'text', value: row[k]!.trim() }] : [] })),
    })),
  }
}

/**
 * A paragraph a web page broke apart where it had bold or subscript text (PM₂.₅, **主要目标**):
 * the next line starts with what no paragraph starts with (是：, a comma, a bare 2.5), or this
 * line ends in 的 and the next, a few characters long, runs into such a line.
 */
function brokenParagraph(lines: RawLine[], i: number): boolean {
  const line = lines[i]!.text
  const next = lines[i + 1]!
  if (next.afterBlank || ENDS_PARAGRAPH.test(line)) return false
  // 000001 above the mark is a 份号 (GB/T 9704 7.2.1), no figure broken off its sentence.
  if (CONTINUES.test(next.text) || /^[\d.．]+$/u.test(next.text) || (/^[\d.．]+$/u.test(line) && !/^\d{6}$/u.test(line))) return true
  const after = lines[i + 2]
  return /的$/u.test(line) && [...next.text].length <= 10 && after !== undefined && !after.afterBlank && CONTINUES.test(after.text)
}

/** Text that goes on from the line before: a mark that closes or continues, or 是： after a bold term. */
const CONTINUES = /^(?:[，。、；：！？）》”’]|是[：:，,])/u

/** A pasted speech → manuscript Markdown with front matter, and every guess as a note. */
export function importPlainText(text: string, fallbackTitle?: string): ImportResult {
  const { blocks, notes } = textToBlocks(text)
  if (blocks.length === 0) return { markdown: '', matter: { title: '' }, notes: [{ line: 1, message: '文件中没有文字', rule: 'import' }], lineMap: [] }
  const result = structureToMarkdown(blocks, fallbackTitle)
  return { ...result, notes: [...notes, ...result.notes].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) }
}
