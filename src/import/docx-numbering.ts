/**
 * Word's automatic numbering, resolved into the numbers the author sees in Word (issue 17).
 * A heading numbered by Word (一、（一）1.（1） from a multi-level list, or a 标题 1 style linked to
 * one, as WPS does) carries no number in its text; mammoth turns such paragraphs into list items
 * and the number is lost. Before mammoth reads the document, each numbered paragraph gets its
 * number typed in front of its text, counted and formatted as Word counts and formats it
 * (numbering.xml: start, format, level text; deeper levels start again under a higher one), and
 * its numbering is switched off. Bullets stay lists. Pure apart from unzipping the bytes given.
 */
import { XMLParser } from 'fast-xml-parser'
import JSZip from 'jszip'
import { chineseNumber } from '../text/ordinals.ts'

interface Level {
  start: number
  format: string
  text: string
}

interface Numbering {
  /** numId → its levels (by ilvl), with start overrides applied. */
  lists: Map<string, Level[]>
  /** Paragraph style id → the numbering it brings (标题 1 linked to a list). */
  styles: Map<string, { numId: string; ilvl: number }>
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['w:abstractNum', 'w:lvl', 'w:num', 'w:lvlOverride', 'w:style'].includes(name),
})

type Node = Record<string, unknown>
const val = (node: unknown): string | undefined => (node && typeof node === 'object' ? ((node as Node)['w:val'] as string | undefined) : undefined)
const list = (node: unknown, name: string): Node[] => ((node as Node | undefined)?.[name] as Node[] | undefined) ?? []

/** Types Word's numbers into the paragraphs; `count` says how many were typed. */
export async function typeOutNumbering(bytes: Buffer): Promise<{ bytes: Buffer; count: number }> {
  const zip = await JSZip.loadAsync(bytes)
  const numberingXml = await zip.file('word/numbering.xml')?.async('string')
  const documentXml = await zip.file('word/document.xml')?.async('string')
  if (!numberingXml || !documentXml) return { bytes, count: 0 }
  const numbering = readNumbering(numberingXml, (await zip.file('word/styles.xml')?.async('string')) ?? '')
  const { xml, count } = typeNumbers(documentXml, numbering)
  if (count === 0) return { bytes, count }
  zip.file('word/document.xml', xml)
  return { bytes: await zip.generateAsync({ type: 'nodebuffer' }), count }
}

function readNumbering(numberingXml: string, stylesXml: string): Numbering {
  const root = parser.parse(numberingXml)['w:numbering'] as Node | undefined
  const abstracts = new Map<string, Level[]>()
  for (const abstract of list(root, 'w:abstractNum')) {
    const levels: Level[] = []
    for (const lvl of list(abstract, 'w:lvl')) {
      levels[Number(lvl['w:ilvl'] ?? 0)] = { start: Number(val(lvl['w:start']) ?? 1), format: val(lvl['w:numFmt']) ?? 'decimal', text: val(lvl['w:lvlText']) ?? '' }
    }
    abstracts.set(String(abstract['w:abstractNumId']), levels)
  }
  const lists = new Map<string, Level[]>()
  for (const num of list(root, 'w:num')) {
    const levels = (abstracts.get(String(val(num['w:abstractNumId']))) ?? []).map((level) => ({ ...level }))
    for (const override of list(num, 'w:lvlOverride')) {
      const level = levels[Number(override['w:ilvl'] ?? 0)]
      const start = val(override['w:startOverride'])
      if (level && start !== undefined) level.start = Number(start)
    }
    lists.set(String(num['w:numId']), levels)
  }
  const styles = new Map<string, { numId: string; ilvl: number }>()
  const styleRoot = stylesXml ? (parser.parse(stylesXml)['w:styles'] as Node | undefined) : undefined
  for (const style of list(styleRoot, 'w:style')) {
    const numPr = ((style['w:pPr'] as Node | undefined)?.['w:numPr'] as Node | undefined) ?? undefined
    const numId = val(numPr?.['w:numId'])
    if (numId) styles.set(String(style['w:styleId']), { numId, ilvl: Number(val(numPr?.['w:ilvl']) ?? 0) })
  }
  return { lists, styles }
}

const P_START = /<w:p(?=[\s>/])[^>]*>/gu

/** Walks the paragraphs of document.xml in order, counting as Word counts, and types each number in. */
function typeNumbers(xml: string, numbering: Numbering): { xml: string; count: number } {
  const counters = new Map<string, (number | undefined)[]>()
  let count = 0
  let out = ''
  let at = 0
  for (const start of xml.matchAll(P_START)) {
    if (start[0].endsWith('/>')) continue
    const open = start.index! + start[0].length
    const pPr = /^<w:pPr>([\s\S]*?)<\/w:pPr>/u.exec(xml.slice(open))
    const properties = pPr?.[1] ?? ''
    const own = /<w:numPr>([\s\S]*?)<\/w:numPr>/u.exec(properties)?.[1]
    const style = /<w:pStyle w:val="([^"]+)"/u.exec(properties)?.[1]
    const fromStyle = style ? numbering.styles.get(style) : undefined
    const numId = (own ? /<w:numId w:val="(\d+)"/u.exec(own)?.[1] : undefined) ?? fromStyle?.numId
    const ilvl = own ? Number(/<w:ilvl w:val="(\d+)"/u.exec(own)?.[1] ?? fromStyle?.ilvl ?? 0) : (fromStyle?.ilvl ?? 0)
    const levels = numId && numId !== '0' ? numbering.lists.get(numId) : undefined
    const level = levels?.[ilvl]
    if (!levels || !level || level.format === 'bullet' || level.format === 'none' || !level.text) continue
    const values = counters.get(numId!) ?? []
    values[ilvl] = values[ilvl] === undefined ? level.start : values[ilvl]! + 1
    // A higher level's next item starts the deeper ones again.
    values.fill(undefined, ilvl + 1)
    counters.set(numId!, values)
    const number = level.text.replace(/%(\d)/gu, (_, k: string) => {
      const index = Number(k) - 1
      const shown = levels[index]
      return shown ? formatNumber(values[index] ?? shown.start, shown.format) : ''
    })
    // The numbering is switched off for this paragraph and its number typed as its first run.
    const off = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    const newProperties = own ? properties.replace(/<w:numPr>[\s\S]*?<\/w:numPr>/u, off) : `${properties}${off}`
    const run = `<w:r><w:t xml:space="preserve">${escapeXml(number)}</w:t></w:r>`
    out += xml.slice(at, open) + `<w:pPr>${newProperties}</w:pPr>` + run
    at = open + (pPr ? pPr[0].length : 0)
    count++
  }
  return { xml: out + xml.slice(at), count }
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸'

/** A counter in one of Word's number formats (w:numFmt). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseNumber(n)
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(n)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')
    case 'decimalZero':
      return String(n).padStart(2, '0')
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? CIRCLED[n - 1]! : String(n)
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? HEAVENLY_STEMS[n - 1]! : String(n)
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1)
      return format === 'upperLetter' ? letter : letter.toLowerCase()
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const roman = toRoman(n)
      return format === 'upperRoman' ? roman : roman.toLowerCase()
    }
    default:
      return String(n)
  }
}

function toRoman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let rest = n
  let text = ''
  for (const [value, letters] of table) for (; rest >= value; rest -= value) text += letters
  return text
}

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;')
}
