import { describe, expect, it } from 'vitest'
import { formatArabicDate, formatChineseDate, parseDate, findDate } from '../../src/text/chinese-date.ts'

describe('formatChineseDate (DT-1: cover dates in Chinese numerals)', () => {
  it.each([
    ['2026-11', '二〇二六年十一月'],
    ['2030-10-01', '二〇三〇年十月一日'],
    ['2026-12-31', '二〇二六年十二月三十一日'],
    ['2027-01-20', '二〇二七年一月二十日'],
    ['2000-02-10', '二〇〇〇年二月十日'],
  ])('%s → %s', (input, expected) => {
    expect(formatChineseDate(input)).toBe(expected)
  })

  it('reads a date already written in Chinese form (2026年11月5日)', () => {
    expect(formatChineseDate('2026年11月5日')).toBe('二〇二六年十一月五日')
    expect(formatChineseDate('2026年11月')).toBe('二〇二六年十一月')
  })

  it('accepts dots and slashes as separators', () => {
    expect(formatChineseDate('2026.11.5')).toBe('二〇二六年十一月五日')
    expect(formatChineseDate('2026/11/05')).toBe('二〇二六年十一月五日')
  })

  it('writes a year alone as digits with 〇', () => {
    expect(formatChineseDate('2026')).toBe('二〇二六年')
  })

  it('returns text it cannot read unchanged', () => {
    expect(formatChineseDate('明年春天')).toBe('明年春天')
  })
})

describe('formatArabicDate (DT-2: dates inside articles)', () => {
  it('drops zero padding: 2026-01-05 → 2026年1月5日', () => {
    expect(formatArabicDate('2026-01-05')).toBe('2026年1月5日')
  })

  it('formats year and month only: 2026-11 → 2026年11月', () => {
    expect(formatArabicDate('2026-11')).toBe('2026年11月')
  })
})

describe('parseDate', () => {
  it('reads year, month and day', () => {
    expect(parseDate('2026-11-05')).toEqual({ year: 2026, month: 11, day: 5 })
    expect(parseDate('2026年11月5日')).toEqual({ year: 2026, month: 11, day: 5 })
    expect(parseDate('2026-11')).toEqual({ year: 2026, month: 11 })
    expect(parseDate('2026')).toEqual({ year: 2026 })
  })

  it('ignores surrounding whitespace', () => {
    expect(parseDate('  2026-11 ')).toEqual({ year: 2026, month: 11 })
  })

  it('rejects month 13 and month 0', () => {
    expect(parseDate('2026-13')).toBeUndefined()
    expect(parseDate('2026-13-01')).toBeUndefined()
    expect(parseDate('2026-00')).toBeUndefined()
  })

  it('rejects day 0 and day 32', () => {
    expect(parseDate('2026-11-00')).toBeUndefined()
    expect(parseDate('2026-11-32')).toBeUndefined()
  })

  it.each(['', 'garbage', '11-2026', '26-11-05', '2026-11-05x', '2026年', '２０２６-11'])('rejects garbage: %j', (input) => {
    expect(parseDate(input)).toBeUndefined()
  })
})

describe('findDate: a date written out in a line (issue 17)', () => {
  it('reads Arabic dates and Chinese ones with 〇, ○ typed for it, or 零', () => {
    expect(findDate('（2026年3月5日，根据录音整理）')).toEqual({ date: '2026-03-05', match: '2026年3月5日' })
    expect(['二〇二六年十二月三十一日', '二○二一年二月二十日', '二零二五年八月'].map((t) => findDate(t)?.date)).toEqual(['2026-12-31', '2021-02-20', '2025-08'])
    expect(findDate('二〇二六年十三月一日')).toBeUndefined()
  })
})
