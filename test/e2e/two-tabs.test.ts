/**
 * Issue 6, a cold build on two cores: a long booklet is laid out in two tabs at once (the cover,
 * 目录 and first articles in one, the rest in another) and the second tab's pages are moved over.
 * The booklet must come out exactly as when laid out whole in one tab.
 */
import { appendFileSync, copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateManuscript } from '../../bench/generate.ts'
import { build } from '../../src/build.ts'
import type { BuildReport } from '../../src/report.ts'
import { expectSamePages } from '../helpers/same-pages.ts'

const root = resolve(import.meta.dirname, '../..')

describe('a long booklet laid out in two tabs at once', () => {
  const work = mkdtempSync(join(tmpdir(), 'booklet-two-tabs-'))
  let one: BuildReport
  let two: BuildReport
  beforeAll(async () => {
    // About 60 pages in 5 articles; the last ones (laid out in the second tab) also hold a
    // picture, a table and a footnote, which must survive the move to the first tab.
    const manuscript = generateManuscript(join(work, 'manuscript'), 60)
    copyFileSync(join(root, 'test/fixtures/images/page.jpg'), join(work, 'manuscript/page.jpg'))
    appendFileSync(
      join(manuscript.dir, manuscript.articles.at(-1)!),
      '\n\n下表列出各项工作的责任单位。[^1]\n\n| 项目 | 责任单位 |\n|---|---|\n| 组织工作 | 县委组织部 |\n| 宣传工作 | 县委宣传部 |\n\n![学习现场](page.jpg)\n\n[^1]: 摘自全县党务工作会议材料。\n',
    )
    one = await build({ input: manuscript.dir, outDir: join(work, 'one'), twoTabs: false })
    two = await build({ input: manuscript.dir, outDir: join(work, 'two'), twoTabs: true })
  }, 120_000)

  it('is laid out in two tabs only when asked to', () => {
    expect(one.ok && two.ok).toBe(true)
    expect(two.timings['render.layout.second.flow']).toBeGreaterThan(0)
    expect(one.timings['render.layout.second.flow']).toBeUndefined()
  })

  it('gives the same pages, text and bookmarks as a layout in one tab', async () => {
    await expectSamePages(join(work, 'two/booklet.pdf'), join(work, 'one/booklet.pdf'))
  })

  it('reports the same pages, folios, 目录 numbers and article places, and passes its preflight', () => {
    expect(two.pages).toEqual(one.pages)
    expect(two.articles).toEqual(one.articles)
    expect(two.pageCount).toBeGreaterThan(50)
    expect(two.preflight!.checks.filter((c) => !c.ok)).toEqual([])
    expect(two.diagnostics.filter((d) => d.severity !== 'info')).toEqual(one.diagnostics.filter((d) => d.severity !== 'info'))
  })
})
