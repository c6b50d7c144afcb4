/**
 * Dates as Chinese documents write them.
 * DT-1: cover dates in Chinese numerals, year digit by digit with 〇 — 二〇二六年十一月.
 * DT-2: dates inside articles in Arabic numerals without zero padding — 2026年11月5日.
 */
import { chineseNumber, parseChineseNumber } from './ordinals.ts'

export interface DateParts {
  year: number
  month?: number
  day?: number
}

/** Reads `2026`, `2026-11`, `2026-11-05`, `2026.11.5`, `2026年11月5日`; undefined if it is none of these. */
export function parseDate(text: string): DateParts | undefined {
  const match = /^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?)?$/.exec(text.trim())
  if (!match) return undefined
  const [year, month, day] = [match[1], match[2], match[3]].map((x) => (x === undefined ? undefined : Number(x)))
  if (month !== undefined && (month < 1 || month > 12)) return undefined
  // Day within its month: 2026-02-31 is no date.
  if (day !== undefined && (day < 1 || new Date(Date.UTC(year!, month! - 1, day)).getUTCDate() !== day)) return undefined
  return { year: year!, ...(month ? { month } : {}), ...(day ? { day } : {}) }
}

const DIGITS = '〇一二三四五六七八九'

/** 1–31 by place value: 十, 十一, 二十, 三十一 (DT-1). */
/** DT-1: `2026-11` → `二〇二六年十一月`; `2030-10-01` → `二〇三〇年十月一日`. */
export function formatChineseDate(text: string): string {
  const parts = parseDate(text)
  if (!parts) return text
  const year = [...String(parts.year)].map((d) => DIGITS[Number(d)]).join('')
  return `${year}年${parts.month ? `${chineseNumber(parts.month)}月` : ''}${parts.month && parts.day ? `${chineseNumber(parts.day)}日` : ''}`
}

/** DT-2: `2026-01-05` → `2026年1月5日`. */
export function formatArabicDate(text: string): string {
  const parts = parseDate(text)
  if (!parts) return text
  return `${parts.year}年${parts.month ? `${parts.month}月` : ''}${parts.month && parts.day ? `${parts.day}日` : ''}`
}

/** Chinese year digits as typed: 〇 (U+3007), ○ (U+25CB, a circle typed for it), 零, Ｏ, O. */
export const CHINESE_YEAR_DIGIT = '[〇○零ＯO0一二三四五六七八九]'
export const CHINESE_MONTH = '(?:十[一二]?|[一二三四五六七八九])'
export const CHINESE_DAY = '(?:[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])'

const ARABIC_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/u
const CHINESE_DATE = new RegExp(`(${CHINESE_YEAR_DIGIT}{4})年(${CHINESE_MONTH})月(?:(${CHINESE_DAY})日)?`, 'u')

/**
 * A date written out somewhere in a line — 2026年3月5日, 二〇二六年三月五日, 二○二一年二月二十日 —
 * as `2026-03-05` (or `2026-03`), with the text it matched.
 */
export function findDate(text: string): { date: string; match: string } | undefined {
  const arabic = ARABIC_DATE.exec(text)
  if (arabic) return { date: isoDate(Number(arabic[1]), Number(arabic[2]), arabic[3] ? Number(arabic[3]) : undefined), match: arabic[0] }
  const chinese = CHINESE_DATE.exec(text)
  if (!chinese) return undefined
  const year = Number([...chinese[1]!].map((d) => (/[〇○零ＯO0]/u.test(d) ? 0 : DIGITS.indexOf(d))).join(''))
  const month = parseChineseNumber(chinese[2]!)
  const day = chinese[3] ? parseChineseNumber(chinese[3]) : undefined
  return month ? { date: isoDate(year, month, day), match: chinese[0] } : undefined
}

function isoDate(year: number, month: number, day?: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}-${pad(month)}${day ? `-${pad(day)}` : ''}`
}
