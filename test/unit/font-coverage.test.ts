import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { cmapCoverage, pageFonts, roleCoverage, unicodeRangeCoverage } from '../../src/fonts/coverage.ts'
import { processManuscript } from '../../src/pipeline/process-manuscript.ts'
import { v } from './valibot-default.ts'

describe('font coverage (FN-5)', () => {
  it('reads a TrueType cmap: FandolFang has GB2312 characters, not rare ones', () => {
    const has = cmapCoverage(readFileSync(join(import.meta.dirname, '../../fonts/fandol/FandolFang-Regular.ttf')))
    for (const ch of '党务工作〇“”——……') expect(has(ch.codePointAt(0)!), ch).toBe(true)
    expect(has('镕'.codePointAt(0)!)).toBe(false)
    expect(has(0x20bb7)).toBe(false)
  })

  it('reads unicode-range lists', () => {
    const has = unicodeRangeCoverage('@font-face { unicode-range: U+4e00-4e10, U+3007; }')
    expect([0x4e00, 0x4e10, 0x3007].map(has)).toEqual([true, true, true])
    expect(has(0x4e11)).toBe(false)
  })

  it('knows the bundled faces of every role', async () => {
    const roles = await roleCoverage()
    for (const role of Object.values(roles)) expect(role('党'.codePointAt(0)!)).toBe(true)
  })

  it('names each character a role font lacks, with its line and column, before anything is rendered', async () => {
    const file = new VFile({ path: 'a.md', value: '# 题\n\n正文有“镕”和𠮷。\n', data: { displayPath: 'a.md' } })
    const { diagnostics } = await processManuscript({ root: '.', config: v(), articles: [file] })
    const fn5 = diagnostics.filter((d) => d.rule === 'FN-5')
    expect(fn5.map((d) => [d.line, d.column, d.severity])).toEqual([
      [3, 5, 'warning'],
      [3, 8, 'warning'],
    ])
    expect(fn5[0]!.message).toContain('“镕”')
    expect(fn5[0]!.message).toContain('仿宋')
    expect(fn5[1]!.message).toContain('方框')
  })

  it('tells the page, per bundled family, which characters of the booklet it lacks (loaded from the next family only)', async () => {
    const { shorthands, lacking } = await pageFonts('<p>会议由张喆主持，𠀀。</p>')
    expect(shorthands).toContain('400 16px "FandolFang"')
    expect([...lacking.FandolFang!].sort()).toEqual(['喆', '𠀀'].sort())
    expect(lacking['Noto Serif SC']).toBe('𠀀')
    expect(lacking['Noto Sans SC']).toBe('𠀀')
  })
})
