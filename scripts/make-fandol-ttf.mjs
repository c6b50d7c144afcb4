#!/usr/bin/env node
// make-fandol-ttf.mjs — build fonts/fandol/FandolFang-Regular.ttf from Debian's FandolFang-Regular.otf.
//
// Why this exists: Debian (texlive-lang-chinese) ships the open 仿宋 font FandolFang only as a
// CID-keyed CFF OpenType font (.otf). When Chromium prints a page using that file, Skia embeds it
// in the PDF as a Type 3 font (each glyph a PDF drawing procedure, not a real font program).
// A font with TrueType (glyf) outlines is embedded as a "CID TrueType" font instead. This script
// converts the CFF outlines to TrueType outlines with fonteditor-core (cubic → quadratic curves)
// and keeps the GPOS table byte-for-byte (glyph order is unchanged), so the `halt`/`vhal`/`cpct`
// features — used by CSS `text-spacing-trim` — keep working. The source has no GSUB table.
// Dropped by the conversion: the CFF hints, VORG, vhea/vmtx and BASE (vertical metrics/baselines).
// fonteditor-core does not understand CID-keyed CFF (FDArray/FDSelect): it would take advance widths
// from the charstrings with nominalWidthX = 0 instead of the FD's 782, so ~1800 proportional glyphs
// (Latin, Greek, Cyrillic, …) would get widths like -282. We therefore re-apply the widths from the
// source hmtx table, and refuse CID fonts that need per-FD local subroutines (FandolFang has none).
//
// Regenerate (on Debian 12, from the repo root):
//   scripts/fetch-fandol.sh
// or by hand:
//   tmp=$(mktemp -d) && cd "$tmp"
//   apt-get download texlive-lang-chinese
//   dpkg -x texlive-lang-chinese_*_all.deb ex
//   cd - && node scripts/make-fandol-ttf.mjs "$tmp/ex"
//
// Usage: node scripts/make-fandol-ttf.mjs <dir-extracted-with-dpkg-x | path/to/FandolFang-Regular.otf> [out.ttf]

import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fonteditor from 'fonteditor-core';

const { Font } = fonteditor;

const FONT_FILE = 'FandolFang-Regular.otf';
const TEXLIVE_SUBPATH = 'usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const defaultOut = join(repoRoot, 'fonts/fandol/FandolFang-Regular.ttf');

/** Raw table lookup in an sfnt buffer. */
function sfntTable(buf, tag) {
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    if (buf.toString('latin1', rec, rec + 4) === tag) {
      const offset = buf.readUInt32BE(rec + 8);
      return buf.subarray(offset, offset + buf.readUInt32BE(rec + 12));
    }
  }
  return null;
}

/** Advance widths of all glyphs, from the source font's hhea/hmtx/maxp tables. */
function readAdvanceWidths(buf) {
  const numGlyphs = sfntTable(buf, 'maxp').readUInt16BE(4);
  const numberOfHMetrics = sfntTable(buf, 'hhea').readUInt16BE(34);
  const hmtx = sfntTable(buf, 'hmtx');
  const widths = [];
  for (let gid = 0; gid < numGlyphs; gid++) {
    widths.push(hmtx.readUInt16BE(4 * Math.min(gid, numberOfHMetrics - 1)));
  }
  return widths;
}

/** Minimal CFF reading, just enough to find the Private DICTs and whether they have local Subrs. */
function cffIndex(cff, pos) {
  const count = cff.readUInt16BE(pos);
  if (count === 0) return { items: [], end: pos + 2 };
  const offSize = cff[pos + 2];
  const off = (i) => cff.readUIntBE(pos + 3 + i * offSize, offSize);
  const base = pos + 3 + (count + 1) * offSize - 1;
  const items = [];
  for (let i = 0; i < count; i++) items.push(cff.subarray(base + off(i), base + off(i + 1)));
  return { items, end: base + off(count) };
}

function cffDict(bytes) {
  const dict = new Map();
  let operands = [];
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b <= 21) {
      const op = b === 12 ? 1200 + bytes[i + 1] : b;
      i += b === 12 ? 2 : 1;
      dict.set(op, operands);
      operands = [];
    } else if (b === 28) { operands.push(bytes.readInt16BE(i + 1)); i += 3; }
    else if (b === 29) { operands.push(bytes.readInt32BE(i + 1)); i += 5; }
    else if (b === 30) { // real number: skip nibbles up to the 0xf terminator
      i++;
      while ((bytes[i] & 0x0f) !== 0x0f && (bytes[i] >> 4) !== 0x0f) i++;
      i++;
      operands.push(NaN);
    }
    else if (b >= 32 && b <= 246) { operands.push(b - 139); i += 1; }
    else if (b >= 247 && b <= 250) { operands.push((b - 247) * 256 + bytes[i + 1] + 108); i += 2; }
    else if (b >= 251 && b <= 254) { operands.push(-(b - 251) * 256 - bytes[i + 1] - 108); i += 2; }
    else throw new Error(`bad CFF DICT byte ${b}`);
  }
  return dict;
}

/** Throw if the CFF uses per-FD local subroutines, which fonteditor-core silently ignores. */
function assertNoFdLocalSubrs(otf) {
  const cff = sfntTable(otf, 'CFF ');
  const names = cffIndex(cff, cff[2]);
  const top = cffDict(cffIndex(cff, names.end).items[0]);
  const fdArray = top.get(1236); // FDArray (12 36): only in CID-keyed fonts
  if (!fdArray) return;
  for (const fd of cffIndex(cff, fdArray[0]).items) {
    const [size, offset] = cffDict(fd).get(18) ?? [0, 0]; // Private
    if (size && cffDict(cff.subarray(offset, offset + size)).has(19)) { // Subrs
      throw new Error('CID-keyed CFF with local Subrs: fonteditor-core would drop those subroutines');
    }
  }
}

function findOtf(input) {
  if (statSync(input).isFile()) return input;
  const direct = join(input, TEXLIVE_SUBPATH, FONT_FILE);
  if (existsSync(direct)) return direct;
  // Fall back to a recursive search (e.g. a texmf tree laid out differently).
  const stack = [input];
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (entry.name === FONT_FILE) return p;
    }
  }
  throw new Error(`${FONT_FILE} not found under ${input}`);
}

const [input, outArg] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/make-fandol-ttf.mjs <extracted-deb-dir | FandolFang-Regular.otf> [out.ttf]');
  process.exit(2);
}
const otfPath = findOtf(resolve(input));
const outPath = resolve(outArg ?? defaultOut);

const otf = readFileSync(otfPath);
if (otf.toString('latin1', 0, 4) !== 'OTTO') throw new Error(`${otfPath} is not a CFF OpenType font`);
assertNoFdLocalSubrs(otf);
const advanceWidths = readAdvanceWidths(otf);

// `kerning: true` makes fonteditor-core read and write the GPOS table (copied verbatim).
const font = Font.create(otf, { type: 'otf', kerning: true });
const data = font.get();
if (!data.GPOS) throw new Error('GPOS table was not carried over by fonteditor-core');
// GPOS refers to glyph ids, so the glyph order must be exactly the source's.
if (data.glyf.length !== advanceWidths.length) {
  throw new Error(`glyph count changed: ${advanceWidths.length} -> ${data.glyf.length}`);
}
let fixedWidths = 0;
data.glyf.forEach((glyph, gid) => {
  if (glyph.advanceWidth !== advanceWidths[gid]) fixedWidths++;
  glyph.advanceWidth = advanceWidths[gid];
});

// GPL v3 §5a: modified versions must say so.
data.name.description =
  `${data.name.description ?? ''} Converted from CFF to TrueType outlines for the booklet project (scripts/make-fandol-ttf.mjs).`.trim();

const ttf = font.write({ type: 'ttf', kerning: true, hinting: false, toBuffer: true });

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, ttf);
console.log(`${otfPath}\n  -> ${outPath} (${ttf.length} bytes, ${data.glyf.length} glyphs, ` +
  `GPOS ${data.GPOS.length} bytes, ${fixedWidths} advance widths restored from hmtx)`);
