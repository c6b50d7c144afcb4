/**
 * Emits the `@page` rules of a preset from its grid custom properties (styles/<preset>/grid.css).
 * Paged.js needs literal lengths in `@page`, and the grid must be written down only once, so the
 * margins are computed here: type area = cpl × pitch by lpp × lh, the rest is margin.
 */

export interface Grid {
  pageWidthMm: number
  pageHeightMm: number
  fsPt: number
  /** Character pitch (fs + letter-spacing); GB/T 9704 fits 28 字 of 16 pt in 156 mm. */
  pitchPt: number
  lhPt: number
  cpl: number
  lpp: number
  marginTopMm: number
  marginInsideMm: number
  folioSizePt: number
  folioDropMm: number
}

const PT_PER_MM = 72 / 25.4

function lengthIn(value: string, unit: 'mm' | 'pt'): number {
  const match = /^(-?[\d.]+)(mm|pt)?$/.exec(value.trim())
  if (!match) throw new Error(`grid.css: cannot read length "${value}"`)
  const n = Number(match[1])
  const from = match[2] ?? unit
  if (from === unit) return n
  return from === 'mm' ? n * PT_PER_MM : n / PT_PER_MM
}

/** Reads the `--name: value;` declarations of grid.css. */
export function readGrid(css: string): Grid {
  const props = new Map<string, string>()
  for (const m of css.matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) props.set(m[1]!, m[2]!.trim())
  const get = (name: string, fallback?: string) => {
    const value = props.get(name) ?? fallback
    if (value === undefined) throw new Error(`grid.css: --${name} is missing`)
    return value
  }
  return {
    pageWidthMm: lengthIn(get('page-width'), 'mm'),
    pageHeightMm: lengthIn(get('page-height'), 'mm'),
    fsPt: lengthIn(get('fs'), 'pt'),
    pitchPt: lengthIn(get('pitch', get('fs')), 'pt'),
    lhPt: lengthIn(get('lh'), 'pt'),
    cpl: Number(get('cpl')),
    lpp: Number(get('lpp')),
    marginTopMm: lengthIn(get('margin-top'), 'mm'),
    marginInsideMm: lengthIn(get('margin-inside'), 'mm'),
    folioSizePt: lengthIn(get('folio-size'), 'pt'),
    folioDropMm: lengthIn(get('folio-drop'), 'mm'),
  }
}

const mm = (n: number) => `${n.toFixed(3)}mm`

export function pageRules(grid: Grid): string {
  // Chromium rounds every line box and glyph advance to 1/64 px: a type area exactly lpp × lh
  // tall can be a hair too short for its last line (28.98 pt lines: 0.01 px over). A slack of
  // 0.05 mm, far less than a line or a character, keeps the grid whole.
  const slackMm = 0.05
  const measureMm = (grid.cpl * grid.pitchPt) / PT_PER_MM + slackMm
  const heightMm = (grid.lpp * grid.lhPt) / PT_PER_MM + slackMm
  const bottom = grid.pageHeightMm - grid.marginTopMm - heightMm
  const outside = grid.pageWidthMm - grid.marginInsideMm - measureMm
  // The folio's dash centre sits folioDrop below the type area (EL-23).
  const folio = (side: 'left' | 'right') => `
  @bottom-${side} {
    /* --folio is set per page after pagination (src/render/in-page/paginate.js). */
    content: "— " var(--folio) " —";
    font-family: var(--f-song);
    font-size: ${grid.folioSizePt}pt;
    line-height: ${grid.folioSizePt}pt;
    text-align: ${side};
    vertical-align: top;
    padding-${side}: 1em;
    padding-top: calc(${mm(grid.folioDropMm)} - ${grid.folioSizePt / 2}pt);
  }`
  const noFolio = `
  @bottom-left { content: none; }
  @bottom-right { content: none; }`
  return `@page {
  size: ${mm(grid.pageWidthMm)} ${mm(grid.pageHeightMm)};
  margin: ${mm(grid.marginTopMm)} ${mm(outside)} ${mm(bottom)} ${mm(grid.marginInsideMm)};
}
@page :right {
  margin-left: ${mm(grid.marginInsideMm)};
  margin-right: ${mm(outside)};${folio('right')}
}
@page :left {
  margin-left: ${mm(outside)};
  margin-right: ${mm(grid.marginInsideMm)};${folio('left')}
}
@page :blank {${noFolio}
}
@page cover {${noFolio}
}
@page front {${noFolio}
}
`
}
