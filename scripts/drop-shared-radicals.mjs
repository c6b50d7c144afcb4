#!/usr/bin/env node
// drop-shared-radicals.mjs — take the Kangxi radicals (U+2F00–U+2FDF) and CJK radicals supplement
// (U+2E80–U+2EFF) out of a TrueType font's cmap where they share a glyph with a unified ideograph.
//
// Why (issue 19, item 5): FandolFang and FandolKai draw ⼀ (U+2F00) and 一 (U+4E00) with one glyph.
// Chromium writes the PDF's ToUnicode map from the font's cmap and, for a glyph reached from two
// code points, names the lower one: every 一, 人, 日, 月 … the text draws copies out of the PDF as a
// radical (⼀, ⼈, ⽇, ⽉), 7–11 % of the characters of a page, and search and copy-paste fail.
// Without those cmap entries the glyph has one code point, the ideograph's. A radical typed in a
// manuscript (rare) is then drawn by the fallback face, which has its own glyph.
//
// Only the cmap table changes: its format 4 (BMP) subtables are written again without those code
// points; every other table is copied byte for byte; the table directory, checksums and
// head.checkSumAdjustment are computed afresh.
//
// Usage: node scripts/drop-shared-radicals.mjs FONT.ttf [OUT.ttf]   (in place without OUT)

import { readFileSync, writeFileSync } from 'node:fs'

const RADICALS = (code) => (code >= 0x2e80 && code <= 0x2eff) || (code >= 0x2f00 && code <= 0x2fdf)

function tables(buf) {
  const count = buf.readUInt16BE(4)
  const out = new Map()
  for (let i = 0; i < count; i++) {
    const rec = 12 + 16 * i
    const tag = buf.toString('latin1', rec, rec + 4)
    const offset = buf.readUInt32BE(rec + 8)
    out.set(tag, buf.subarray(offset, offset + buf.readUInt32BE(rec + 12)))
  }
  return out
}

/** code → glyph id of a format 4 subtable. */
function readFormat4(sub) {
  const segCount = sub.readUInt16BE(6) / 2
  const ends = 14
  const starts = ends + 2 * segCount + 2
  const deltas = starts + 2 * segCount
  const rangeOffsets = deltas + 2 * segCount
  const map = new Map()
  for (let s = 0; s < segCount; s++) {
    const end = sub.readUInt16BE(ends + 2 * s)
    const start = sub.readUInt16BE(starts + 2 * s)
    const delta = sub.readInt16BE(deltas + 2 * s)
    const rangeOffset = sub.readUInt16BE(rangeOffsets + 2 * s)
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let gid
      if (rangeOffset === 0) gid = (code + delta) & 0xffff
      else {
        const at = rangeOffsets + 2 * s + rangeOffset + 2 * (code - start)
        const raw = sub.readUInt16BE(at)
        gid = raw === 0 ? 0 : (raw + delta) & 0xffff
      }
      if (gid !== 0) map.set(code, gid)
    }
  }
  return map
}

/** A format 4 subtable for `map`: a segment per run of codes whose glyph ids run alongside, else one per code range with a glyph array. */
function writeFormat4(map, language) {
  const codes = [...map.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b)
  const segments = []
  for (let i = 0; i < codes.length; ) {
    // A run of consecutive codes.
    let j = i
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++
    const run = codes.slice(i, j + 1)
    const delta = map.get(run[0]) - run[0]
    if (run.every((c) => map.get(c) - c === delta)) segments.push({ start: run[0], end: run.at(-1), delta, glyphs: null })
    else segments.push({ start: run[0], end: run.at(-1), delta: 0, glyphs: run.map((c) => map.get(c)) })
    i = j + 1
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1, glyphs: null })
  const segCount = segments.length
  const arrayWords = segments.reduce((sum, s) => sum + (s.glyphs ? s.glyphs.length : 0), 0)
  const length = 16 + 8 * segCount + 2 * arrayWords
  if (length > 0xffff) throw new Error(`cmap format 4 would be ${length} bytes (more than 65535)`)
  const out = Buffer.alloc(length)
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount))
  out.writeUInt16BE(4, 0)
  out.writeUInt16BE(length, 2)
  out.writeUInt16BE(language, 4)
  out.writeUInt16BE(2 * segCount, 6)
  out.writeUInt16BE(searchRange, 8)
  out.writeUInt16BE(Math.floor(Math.log2(segCount)), 10)
  out.writeUInt16BE(2 * segCount - searchRange, 12)
  const ends = 14
  const starts = ends + 2 * segCount + 2
  const deltas = starts + 2 * segCount
  const rangeOffsets = deltas + 2 * segCount
  let array = rangeOffsets + 2 * segCount
  segments.forEach((s, k) => {
    out.writeUInt16BE(s.end, ends + 2 * k)
    out.writeUInt16BE(s.start, starts + 2 * k)
    out.writeInt16BE(s.glyphs ? 0 : ((s.delta + 0x8000) & 0xffff) - 0x8000, deltas + 2 * k)
    if (s.glyphs) {
      out.writeUInt16BE(array - (rangeOffsets + 2 * k), rangeOffsets + 2 * k)
      for (const gid of s.glyphs) {
        out.writeUInt16BE(gid, array)
        array += 2
      }
    } else out.writeUInt16BE(0, rangeOffsets + 2 * k)
  })
  return out
}

function checksum(buf) {
  const padded = Buffer.alloc((buf.length + 3) & ~3)
  buf.copy(padded)
  let sum = 0
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0
  return sum
}

export function dropSharedRadicals(font) {
  const all = tables(font)
  const cmap = all.get('cmap')
  const count = cmap.readUInt16BE(2)
  const records = []
  const dropped = new Set()
  for (let i = 0; i < count; i++) {
    const rec = 4 + 8 * i
    const platform = cmap.readUInt16BE(rec)
    const encoding = cmap.readUInt16BE(rec + 2)
    const offset = cmap.readUInt32BE(rec + 4)
    const format = cmap.readUInt16BE(offset)
    let sub
    if (format === 4) {
      const map = readFormat4(cmap.subarray(offset))
      const unified = new Set([...map].filter(([code]) => !RADICALS(code)).map(([, gid]) => gid))
      for (const [code, gid] of map) {
        if (RADICALS(code) && unified.has(gid)) {
          map.delete(code)
          dropped.add(code)
        }
      }
      sub = writeFormat4(map, cmap.readUInt16BE(offset + 4))
    } else {
      // Formats with a length in their header as format 4 (0, 2, 6) or 12-style (8, 10, 12, 13, 14).
      const length = format >= 8 ? cmap.readUInt32BE(offset + 4) : cmap.readUInt16BE(offset + 2)
      sub = cmap.subarray(offset, offset + length)
      if (format === 12 || format === 13) throw new Error('a format 12/13 subtable: not handled (this font needs another tool)')
    }
    records.push({ platform, encoding, sub })
  }
  // The cmap again: header, encoding records, subtables (one copy each).
  const header = Buffer.alloc(4 + 8 * records.length)
  header.writeUInt16BE(0, 0)
  header.writeUInt16BE(records.length, 2)
  let at = header.length
  const bodies = []
  records.forEach((r, i) => {
    header.writeUInt16BE(r.platform, 4 + 8 * i)
    header.writeUInt16BE(r.encoding, 6 + 8 * i)
    header.writeUInt32BE(at, 8 + 8 * i)
    bodies.push(r.sub)
    at += r.sub.length
  })
  all.set('cmap', Buffer.concat([header, ...bodies]))
  // The sfnt again, tables in tag order, each on a 4-byte boundary.
  const tags = [...all.keys()].sort()
  const numTables = tags.length
  const dir = Buffer.alloc(12 + 16 * numTables)
  font.copy(dir, 0, 0, 4)
  const entrySelector = Math.floor(Math.log2(numTables))
  dir.writeUInt16BE(numTables, 4)
  dir.writeUInt16BE(16 * 2 ** entrySelector, 6)
  dir.writeUInt16BE(entrySelector, 8)
  dir.writeUInt16BE(numTables * 16 - 16 * 2 ** entrySelector, 10)
  const parts = [dir]
  let offset = dir.length
  let headOffset = 0
  tags.forEach((tag, i) => {
    let data = Buffer.from(all.get(tag))
    if (tag === 'head') {
      data.writeUInt32BE(0, 8)
      headOffset = offset
    }
    const rec = 12 + 16 * i
    dir.write(tag, rec, 'latin1')
    dir.writeUInt32BE(checksum(data), rec + 4)
    dir.writeUInt32BE(offset, rec + 8)
    dir.writeUInt32BE(data.length, rec + 12)
    const padded = Buffer.alloc((data.length + 3) & ~3)
    data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  const out = Buffer.concat(parts)
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8)
  return { font: out, dropped: dropped.size }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output = input] = process.argv.slice(2)
  if (!input) {
    console.error('usage: node scripts/drop-shared-radicals.mjs FONT.ttf [OUT.ttf]')
    process.exit(2)
  }
  const { font, dropped } = dropSharedRadicals(readFileSync(input))
  writeFileSync(output, font)
  console.log(`${output}: ${dropped} radical code points that shared a glyph with an ideograph taken out of the cmap`)
}
