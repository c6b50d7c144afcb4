/**
 * Dates as Chinese documents write them.
 * DT-1: cover dates in Chinese numerals, year digit by digit with 〇 — 二〇二六年十一月.
 * DT-2: dates inside articles in Arabic numerals without zero padding — 2026年11月5日.
 */
import { chineseNumber } from './ordinals.ts'

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
