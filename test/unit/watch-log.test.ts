/** The line `booklet watch` prints after each rebuild: which pages to print again, and pages lost. */
import { describe, expect, it } from 'vitest'
import type { BuildReport } from '../../src/report.ts'
import { pageChanges } from '../../src/watch.ts'

/** Cover, its blank back, 目录, a blank page, then body pages — 1 — to — 4 —. */
const pages: BuildReport['pages'] = [null, null, null, null, 1, 2, 3, 4].map((folio, index) => ({ index, side: index % 2 ? 'left' : 'right', blank: false, folio }))

describe('pageChanges (watch log)', () => {
  it('names the changed pages as the build report does (PDF page and folio) and says how many pages the booklet lost', () => {
    expect(pageChanges({ pages: [], removed: 0 }, pages)).toBe('页面无变化')
    expect(pageChanges({ pages: [4, 5], removed: 0 }, pages)).toBe('变化的页：PDF 第 5～6 页（页码 1～2）')
    // The 目录 (no folio) and a body page.
    expect(pageChanges({ pages: [2, 7], removed: 0 }, pages)).toBe('变化的页：PDF 第 3、8 页（页码 4）')
    // The last article deleted: nothing before it changed, its pages are gone.
    expect(pageChanges({ pages: [], removed: 12 }, pages)).toBe('少了 12 页')
    expect(pageChanges({ pages: [2], removed: 4 }, pages)).toBe('变化的页：PDF 第 3 页，少了 4 页')
  })
})
