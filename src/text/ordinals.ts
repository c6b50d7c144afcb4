/**
 * Official heading ordinals (GB/T 9704; typography.md EL-2 … EL-5, DT-4):
 * level 1 一、  level 2 （一）  level 3 1.  level 4 （1）.
 */

const DIGITS = '〇一二三四五六七八九'
const PLACES = ['', '十', '百', '千']

/**
 * Counting numbers the way official documents write them: 1 → 一, 10 → 十, 12 → 十二, 99 → 九十九,
 * 100 → 一百, 101 → 一百零一, 110 → 一百一十, 1010 → 一千零一十, 10001 → 一万零一. A run of zeros
 * inside is read as one 零, and only a number that starts with its tens drops the 一 of 十.
 * Beyond 万 (a hundred million headings) it falls back to Arabic digits.
 */
export function chineseNumber(n: number): string {
  if (n < 10_000) return belowTenThousand(n, true)
  if (n >= 100_000_000) return String(n)
  const rest = n % 10_000
  const tail = rest === 0 ? '' : `${rest < 1000 ? '零' : ''}${belowTenThousand(rest, false)}`
  return `${chineseNumber(Math.floor(n / 10_000))}万${tail}`
}

function belowTenThousand(n: number, leading: boolean): string {
  if (n < 10) return DIGITS[n]!
  let text = ''
  let zero = false
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(n / 10 ** place) % 10
    if (digit === 0) {
      zero ||= text !== ''
      continue
    }
    if (zero) text += '零'
    zero = false
    const silentOne = digit === 1 && place === 1 && text === '' && leading
    text += (silentOne ? '' : DIGITS[digit]) + PLACES[place]
  }
  return text
}

/** Characters a typed Chinese number is made of, for the patterns that look for one. */
export const CHINESE_NUMERAL = '[〇零一二两三四五六七八九十百千万]'

/**
 * Reads a typed Chinese number back: the form chineseNumber writes, and the variants authors type
 * for it — 两百 for 二百, 〇 for 零, 一百十 for 一百一十. Anything else (十十, 二百三, 千万) is no
 * number, so a word that only looks numeric is never taken for an ordinal. 一十 for 十 is read too.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (!new RegExp(`^${CHINESE_NUMERAL}+$`, 'u').test(text)) return undefined
  const value = placeValue(text)
  const usual = text
    .replace(/两(?=[百千万])/gu, '二')
    .replace(/〇/gu, '零')
    .replace(/(?<=[百千万零])十/gu, '一十')
    .replace(/^一十/u, '十')
  // The lenient reading above accepts nonsense too; only a number written as it is written counts.
  return chineseNumber(value) === usual ? value : undefined
}

/** 一百零一 → 101 by adding up digit × place; checked against chineseNumber by the caller. */
function placeValue(text: string): number {
  let total = 0
  let section = 0
  let digit = 0
  for (const ch of text) {
    const place = PLACES.indexOf(ch)
    if (ch === '万') {
      total += (section + digit) * 10_000
      section = digit = 0
    } else if (place > 0) {
      section += (digit || 1) * 10 ** place
      digit = 0
    } else {
      digit = ch === '两' ? 2 : ch === '零' ? 0 : DIGITS.indexOf(ch)
    }
  }
  return total + section + digit
}

/** The ordinal for heading `level` (1–4) numbered `n`; `unit` keeps a 第N章 numbering in its own form. */
export function formatOrdinal(level: number, n: number, unit?: string): string {
  if (unit) return `第${chineseNumber(n)}${unit}　`
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`
    case 2:
      return `（${chineseNumber(n)}）`
    case 3:
      return `${n}.`
    default:
      return `（${n}）`
  }
}

export interface TypedOrdinal {
  /** The ordinal exactly as typed, including trailing mark and spaces. */
  text: string
  /** The level its form stands for. */
  level: number
  value: number
  /** 第一章 / 第二编 / 第三部分: a numbering of its own, printed as typed (never made 一、). */
  unit?: string
}

/** 第一章　总则 · 第二编 · 第三部分　重点任务: chapters are level-1 headings numbered their own way. */
const CHAPTER = new RegExp(`^第(${CHINESE_NUMERAL}+)(章|编|部分(?=[\\s\\u3000、：:]|$))[\\s\\u3000]*`, 'u')

const FORMS: { level: number; pattern: RegExp; chinese: boolean }[] = [
  // 一、 一. 一．(PN-14: Chinese ordinal takes 、)
  { level: 1, pattern: new RegExp(`^(${CHINESE_NUMERAL}+)\\s*[、.．,，]\\s*`, 'u'), chinese: true },
  // （一） (一) （一）、 (PN-14: bracketed ordinal takes no mark)
  { level: 2, pattern: new RegExp(`^[（(]\\s*(${CHINESE_NUMERAL}+)\\s*[）)]\\s*[、.．,，]?\\s*`, 'u'), chinese: true },
  // 1. 1． 1、 — but not a decimal like 1.5 (1、2026年… is a number: 、 makes no decimal)
  { level: 3, pattern: /^(\d{1,3})\s*(?:[.．](?!\d)|[.．](?=\d{4}年)|、)\s*/u, chinese: false },
  // （1） (1) （1）、
  { level: 4, pattern: /^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．,，]?\s*/u, chinese: false },
]

/** Recognises an ordinal the author typed at the start of a heading. */
export function typedOrdinal(text: string): TypedOrdinal | undefined {
  const chapter = CHAPTER.exec(text)
  const chapterValue = chapter ? parseChineseNumber(chapter[1]!) : undefined
  if (chapter && chapterValue) return { text: chapter[0], level: 1, value: chapterValue, unit: chapter[2]! }
  for (const form of FORMS) {
    const match = form.pattern.exec(text)
    if (!match) continue
    const value = form.chinese ? parseChineseNumber(match[1]!) : Number(match[1])
    if (value === undefined || value < 1) continue
    return { text: match[0], level: form.level, value }
  }
  return undefined
}
