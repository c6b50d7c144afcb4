import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pageRules, readGrid, type Grid } from '../../src/document/page-rules.ts'

const gridCss = readFileSync(resolve(import.meta.dirname, '../../styles/a5-booklet/grid.css'), 'utf8')
const PT_PER_MM = 72 / 25.4
const SLACK = 0.05

/** The body of the `@page <selector> { … }` block (selector '' = the plain `@page`), margin boxes included. */
function block(css: string, selector: string): string {
  const normalised = css.replace(/@page\s*/g, '@page ').replace(/\s*\{/g, ' {')
  const open = normalised.indexOf(selector ? `@page ${selector} {` : '@page {')
  expect(open, `no @page ${selector} block`).toBeGreaterThanOrEqual(0)
  const from = normalised.indexOf('{', open)
  let depth = 0
  for (let i = from; i < normalised.length; i++) {
    if (normalised[i] === '{') depth++
    if (normalised[i] === '}' && --depth === 0) return normalised.slice(from + 1, i)
  }
  throw new Error('unbalanced braces')
}

/** Margin-box-free declarations of a block. */
function declarations(body: string): Record<string, string> {
  const flat = body.replace(/@[\w-]+\s*\{[^}]*\}/g, '')
  return Object.fromEntries(
    [...flat.matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
  )
}

const mmValue = (text: string) => {
  const match = /^([\d.]+)mm$/.exec(text)
  if (!match) throw new Error(`not a mm length: ${text}`)
  return Number(match[1])
}

describe('readGrid (styles/a5-booklet/grid.css)', () => {
  it('reads the A5 grid: 148 × 210 mm, 12 pt on 22.5 pt, 26 × 20, margins and folio', () => {
    expect(readGrid(gridCss)).toEqual<Grid>({
      pageWidthMm: 148,
      pageHeightMm: 210,
      fsPt: 12,
      pitchPt: 12,
      lhPt: 22.5,
      cpl: 26,
      lpp: 20,
      marginTopMm: 24,
      marginInsideMm: 20,
      folioSizePt: 10.5,
      folioDropMm: 5,
    })
  })

  it('converts between mm and pt', () => {
    const css = gridCss.replace('--margin-top: 24mm', '--margin-top: 72pt').replace('--fs: 12pt', '--fs: 25.4mm')
    const grid = readGrid(css)
    expect(grid.marginTopMm).toBeCloseTo(25.4, 6)
    expect(grid.fsPt).toBeCloseTo(72, 6)
  })

  it('throws naming a missing property', () => {
    expect(() => readGrid(gridCss.replace(/--lpp:[^;]+;/, ''))).toThrow('--lpp is missing')
  })

  it('throws on a length it cannot read', () => {
    expect(() => readGrid(gridCss.replace('--fs: 12pt', '--fs: 1em'))).toThrow('cannot read length')
  })
})

describe('pageRules', () => {
  const grid = readGrid(gridCss)
  const css = pageRules(grid)
  const page = declarations(block(css, ''))
  const [top, right, bottom, left] = page.margin!.split(/\s+/).map(mmValue) as [number, number, number, number]
  const measureMm = 148 - left - right
  const heightMm = 210 - top - bottom

  it('sets the A5 page size', () => {
    expect(page.size).toBe('148.000mm 210.000mm')
  })

  // The type area is 0.05 mm larger than the grid: Chromium's layout units round lines up.
  it('leaves a type area 26 × 12 pt wide (110.07 mm), plus the 0.05 mm slack', () => {
    expect(measureMm).toBeCloseTo((26 * 12) / PT_PER_MM + SLACK, 2)
    expect(measureMm).toBeCloseTo(110.07 + SLACK, 2)
  })

  it('leaves a type area 20 × 22.5 pt high (158.75 mm), plus the 0.05 mm slack', () => {
    expect(heightMm).toBeCloseTo((20 * 22.5) / PT_PER_MM + SLACK, 2)
    expect(heightMm).toBeCloseTo(158.75 + SLACK, 2)
  })

  it('puts the top margin at 24 mm and the inside margin at 20 mm', () => {
    expect(top).toBe(24)
    expect(left).toBe(20)
    expect(bottom).toBeCloseTo(27.25 - SLACK, 3)
    expect(right).toBeCloseTo(17.933 - SLACK, 3)
  })

  it('mirrors the margins: inside is left on right pages and right on left pages', () => {
    const rightPage = declarations(block(css, ':right'))
    const leftPage = declarations(block(css, ':left'))
    expect(mmValue(rightPage['margin-left']!)).toBe(20)
    expect(mmValue(rightPage['margin-right']!)).toBeCloseTo(17.933 - SLACK, 3)
    expect(mmValue(leftPage['margin-right']!)).toBe(20)
    expect(mmValue(leftPage['margin-left']!)).toBeCloseTo(17.933 - SLACK, 3)
  })

  it('puts folios only on :left and :right pages, on the outer corner', () => {
    expect(block(css, ':right')).toMatch(/@bottom-right\s*\{[^}]*content:\s*"— " var\(--folio\) " —"/)
    expect(block(css, ':right')).not.toContain('@bottom-left')
    expect(block(css, ':left')).toMatch(/@bottom-left\s*\{[^}]*content:\s*"— " var\(--folio\) " —"/)
    expect(block(css, ':left')).not.toContain('@bottom-right')
    expect(block(css, '')).not.toContain('@bottom')
    expect(css.match(/var\(--folio\)/g)).toHaveLength(2)
  })

  it('sets the folio in 10.5 pt, its centre 5 mm below the type area', () => {
    const right = block(css, ':right')
    expect(right).toContain('font-size: 10.5pt;')
    expect(right).toContain('padding-top: calc(5.000mm - 5.25pt);')
  })

  it.each([':blank', 'cover', 'front'])('suppresses folios on @page %s', (selector) => {
    const body = block(css, selector)
    expect(body).toMatch(/@bottom-left\s*\{\s*content:\s*none;\s*\}/)
    expect(body).toMatch(/@bottom-right\s*\{\s*content:\s*none;\s*\}/)
  })
})

describe('presets', () => {
  it('has a style layout for every preset booklet.yaml accepts, and a grid that reads', async () => {
    const { PRESETS } = await import('../../src/config/schema.ts')
    const { PRESET_LAYOUTS, STYLES_DIR } = await import('../../src/document/styles.ts')
    expect(Object.keys(PRESET_LAYOUTS)).toEqual([...PRESETS])
    const a4 = readGrid(readFileSync(resolve(STYLES_DIR, 'gongwen-a4/grid.css'), 'utf8'))
    // GB/T 9704: 156 × 225 mm type area, 28 × 22, 3号 body.
    expect((a4.cpl * a4.pitchPt) / PT_PER_MM).toBeCloseTo(156, 1)
    expect((a4.lpp * a4.lhPt) / PT_PER_MM).toBeCloseTo(225, 0)
    expect([a4.fsPt, a4.cpl, a4.lpp, a4.marginTopMm, a4.marginInsideMm, a4.folioSizePt]).toEqual([16, 28, 22, 37, 28, 14])
  })
})
