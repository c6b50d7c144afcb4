/**
 * Official heading ordinals (GB/T 9704; typography.md EL-2 … EL-5, DT-4):
 * level 1 一、  level 2 （一）  level 3 1.  level 4 （1）.
 */

const DIGITS = '〇一二三四五六七八九'

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!
  if (n < 100) {
    const tens = Math.floor(n / 10)
    const ones = n % 10
    return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`
  }
  return String(n)
}

export function parseChineseNumber(text: string): number | undefined {
  if (!/^[一二三四五六七八九十〇]+$/.test(text)) return undefined
  if (!text.includes('十')) return text.length === 1 ? DIGITS.indexOf(text) : undefined
  const [tens, ones] = text.split('十')
  const t = tens ? DIGITS.indexOf(tens) : 1
  const o = ones ? DIGITS.indexOf(ones) : 0
  return t > 0 && o >= 0 ? t * 10 + o : undefined
}

/** The ordinal for heading `level` (1–4) numbered `n`. */
export function formatOrdinal(level: number, n: number): string {
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
}

const FORMS: { level: number; pattern: RegExp; chinese: boolean }[] = [
  // 一、 一. 一．(PN-14: Chinese ordinal takes 、)
  { level: 1, pattern: /^([一二三四五六七八九十]+)\s*[、.．,，]\s*/u, chinese: true },
  // （一） (一) （一）、 (PN-14: bracketed ordinal takes no mark)
  { level: 2, pattern: /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*[、.．,，]?\s*/u, chinese: true },
  // 1. 1． 1、 — but not a decimal like 1.5
  { level: 3, pattern: /^(\d{1,3})\s*[.．、](?!\d)\s*/u, chinese: false },
  // （1） (1) （1）、
  { level: 4, pattern: /^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．,，]?\s*/u, chinese: false },
]

/** Recognises an ordinal the author typed at the start of a heading. */
export function typedOrdinal(text: string): TypedOrdinal | undefined {
  for (const form of FORMS) {
    const match = form.pattern.exec(text)
    if (!match) continue
    const value = form.chinese ? parseChineseNumber(match[1]!) : Number(match[1])
    if (value === undefined || value < 1) continue
    return { text: match[0], level: form.level, value }
  }
  return undefined
}
