/** The line `booklet watch` prints after each rebuild: which pages to print again, and pages lost. */
import { describe, expect, it } from 'vitest'
import { pageChanges } from '../../src/watch.ts'

describe('pageChanges (watch log)', () => {
  it('names the changed PDF pages (1-based) and says how many pages the booklet lost', () => {
    expect(pageChanges({ pages: [], removed: 0 })).toBe('页面无变化')
    expect(pageChanges({ pages: [4, 5], removed: 0 })).toBe('变化的页：5、6')
    // The last article deleted: nothing before it changed, its pages are gone.
    expect(pageChanges({ pages: [], removed: 12 })).toBe('少了 12 页')
    expect(pageChanges({ pages: [2], removed: 4 })).toBe('变化的页：3，少了 4 页')
  })
})
