import { describe, expect, it } from 'vitest'
import { layoutInTwo, MIN_SPLIT_CHARS, splitPoint } from '../../src/render/split-layout.ts'

describe('splitPoint (a long booklet laid out in two tabs, issue 6)', () => {
  it('gives each tab about half of the text', () => {
    expect(splitPoint([40_000, 40_000, 40_000, 40_000])).toBe(2)
    expect(splitPoint([100_000, 10_000, 10_000, 10_000])).toBe(1)
    expect(splitPoint([10_000, 10_000, 10_000, 100_000])).toBe(3)
    expect(splitPoint([60_000, 30_000, 50_000, 20_000])).toBe(2)
  })

  it('does not split a booklet of one article, or a short one', () => {
    expect(splitPoint([500_000])).toBeUndefined()
    expect(splitPoint([MIN_SPLIT_CHARS / 4, MIN_SPLIT_CHARS / 4])).toBeUndefined()
    expect(splitPoint([MIN_SPLIT_CHARS / 4, MIN_SPLIT_CHARS / 4], 0)).toBe(1)
  })
})

describe('layoutInTwo', () => {
  it('gives way to a layout in one tab when the browser opens no second tab (a browser service may not)', async () => {
    const untouched = new Proxy({}, { get: () => expect.unreachable('the page is not used') }) as never
    const result = await layoutInTwo(untouched, 'http://x', () => Promise.reject(new Error('windows not allowed')), { fonts: { shorthands: [], lacking: {} }, targetIds: [], plan: { first: '', second: '', nextId: 'n' } }, () => undefined)
    expect(result).toEqual({ refused: 'no second tab: windows not allowed' })
  })
})
