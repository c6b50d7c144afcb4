/**
 * Which characters each role's bundled font can draw (FN-5). Read once per process:
 * for @fontsource faces from the `unicode-range` of their slices (each slice holds exactly the
 * glyphs of its range), for TrueType files from the font's own character map.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { faceShorthands, ROLES, type OpenFont, type RoleName } from './roles.ts'

export type Coverage = (codePoint: number) => boolean

const cache = new Map<string, Promise<Coverage>>()

export function coverageOf(font: OpenFont): Promise<Coverage> {
  let pending = cache.get(font.id)
  if (!pending) {
    pending = font.file ? readFile(join(font.dir, font.file)).then(cmapCoverage) : font.css().then(unicodeRangeCoverage)
    cache.set(font.id, pending)
  }
  return pending
}

export async function roleCoverage(): Promise<Record<RoleName, Coverage>> {
  const entries = await Promise.all(ROLES.map(async (role) => [role.name, await coverageOf(role.open)] as const))
  return Object.fromEntries(entries) as Record<RoleName, Coverage>
}

/**
 * What the page loads before it lays out anything (paginate.js loadFonts): each role's face (CSS
 * shorthand with weight), and for each bundled family the characters of this booklet it has no
 * glyph for. Chromium draws a character with the first family of the stack that has it, so only
 * those characters need the next family's faces: the 仿宋 body text does not load the Noto Serif
 * SC slices behind FandolFang in its stack (26 slices, 1 MB, for a 50-page booklet).
 */
export interface PageFonts {
  shorthands: string[]
  lacking: Record<string, string>
}

export async function pageFonts(text: string): Promise<PageFonts> {
  // All of printable ASCII, whether the text has it or not: the page writes digits (page and 目录
  // numbers) after layout, and a Latin face's lack must be known for them too.
  const chars = new Set<number>()
  for (let cp = 0x20; cp < 0x7f; cp++) chars.add(cp)
  for (const char of text) {
    const cp = char.codePointAt(0)!
    if (cp > 0x7f) chars.add(cp)
  }
  const lacking: Record<string, string> = {}
  for (const role of ROLES) {
    if (role.open.family in lacking) continue
    const covers = await coverageOf(role.open)
    lacking[role.open.family] = String.fromCodePoint(...[...chars].filter((cp) => !covers(cp)))
  }
  return { shorthands: faceShorthands(), lacking }
}

function fromRanges(ranges: [number, number][]): Coverage {
  ranges.sort((a, b) => a[0] - b[0])
  return (cp) => {
    let lo = 0
    let hi = ranges.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const [start, end] = ranges[mid]!
      if (cp < start) hi = mid - 1
      else if (cp > end) lo = mid + 1
      else return true
    }
    return false
  }
}

export function unicodeRangeCoverage(css: string): Coverage {
  const ranges: [number, number][] = []
  for (const match of css.matchAll(/unicode-range:\s*([^;]+);/g)) {
    for (const part of match[1]!.split(',')) {
      const [a, b] = part.trim().replace(/^U\+/i, '').split('-')
      const start = parseInt(a!, 16)
      if (!Number.isNaN(start)) ranges.push([start, b ? parseInt(b, 16) : start])
    }
  }
  return fromRanges(ranges)
}

/** Reads the Unicode cmap (format 12, else format 4) of a TrueType/OpenType font. */
export function cmapCoverage(font: Uint8Array): Coverage {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength)
  const numTables = view.getUint16(4)
  let cmap = -1
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16
    if (String.fromCharCode(...font.subarray(record, record + 4)) === 'cmap') cmap = view.getUint32(record + 8)
  }
  if (cmap < 0) return () => false
  const subtables: { format: number; offset: number }[] = []
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8
    const platform = view.getUint16(rec)
    const encoding = view.getUint16(rec + 2)
    const offset = cmap + view.getUint32(rec + 4)
    if (platform === 3 || platform === 0) subtables.push({ format: view.getUint16(offset), offset, ...{ platform, encoding } })
  }
  const format12 = subtables.find((s) => s.format === 12)
  const ranges: [number, number][] = []
  if (format12) {
    const groups = view.getUint32(format12.offset + 12)
    for (let g = 0; g < groups; g++) {
      const at = format12.offset + 16 + g * 12
      ranges.push([view.getUint32(at), view.getUint32(at + 4)])
    }
    return fromRanges(ranges)
  }
  const format4 = subtables.find((s) => s.format === 4)
  if (!format4) return () => false
  const o = format4.offset
  const segCount = view.getUint16(o + 6) / 2
  const ends = o + 14
  const starts = ends + segCount * 2 + 2
  const deltas = starts + segCount * 2
  const rangeOffsets = deltas + segCount * 2
  for (let s = 0; s < segCount; s++) {
    const start = view.getUint16(starts + s * 2)
    const end = view.getUint16(ends + s * 2)
    const delta = view.getUint16(deltas + s * 2)
    const rangeOffset = view.getUint16(rangeOffsets + s * 2)
    if (start === 0xffff) continue
    for (let cp = start; cp <= end; cp++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2
        glyph = view.getUint16(at)
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff
      }
      if (glyph !== 0) ranges.push([cp, cp])
    }
  }
  return fromRanges(ranges)
}
