/**
 * Where a Han character of the typeset text stands in the manuscript, so that text the layout
 * lost (TP-1) is reported at its file and line, not only by its neighbours. The HTML text is the
 * source after the pipeline: heading numbers added or taken away, punctuation fixed, Markdown
 * syntax gone, footnotes moved to the article's end. Han characters survive all of that nearly
 * unchanged, so the character is found by its Han neighbours in the source — the longest run of
 * them that the source has, at the occurrence nearest to where the character would be if nothing
 * had moved.
 */
import type { Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import { pointAtOffset } from './fixes.ts'

export interface TypesetArticle {
  file: VFile
  tree: Root
}

/** The article, and the line and column (1-based, as vfile messages have them) in its source text when found. */
export interface HanPlace {
  file: VFile
  line?: number
  column?: number
}

const HAN = /\p{Script=Han}/gu

/**
 * Neighbours tried in turn, [before, after]: a long run is unique, a shorter one gets past a
 * heading number or a moved footnote next to the character. Two characters is the least that
 * still says where; a lone character would be a guess.
 */
const WINDOWS: [number, number][] = [
  [8, 8],
  [8, 0],
  [0, 8],
  [3, 3],
  [3, 0],
  [0, 3],
  [1, 0],
  [0, 1],
]

/** The Han characters of the articles' typeset text, in reading order: what the preflight looks for in the PDF. */
export function typesetHan(articles: readonly TypesetArticle[]): string {
  return articles.map(({ tree }) => hanOf(tree).join('')).join('')
}

/** The source place of Han character `index` (counted in characters) of typesetHan(articles). */
export function hanPlace(articles: readonly TypesetArticle[], index: number): HanPlace | undefined {
  let start = 0
  for (const { file, tree } of articles) {
    const typeset = hanOf(tree)
    if (index < start + typeset.length) return placeInSource(file, typeset, index - start)
    start += typeset.length
  }
  return undefined
}

const hanOf = (tree: Root): string[] => toString(tree).match(HAN) ?? []

function placeInSource(file: VFile, typeset: string[], at: number): HanPlace {
  const source = String(file.value)
  // The source's Han characters as one string, and for each of its UTF-16 units the offset in the source.
  let han = ''
  const offsets: number[] = []
  for (const match of source.matchAll(HAN)) {
    han += match[0]
    for (let unit = 0; unit < match[0].length; unit++) offsets.push(match.index)
  }
  const unitsBefore = typeset.slice(0, at).join('').length
  const expected = (unitsBefore / Math.max(1, typeset.join('').length)) * han.length
  for (const [before, after] of WINDOWS) {
    const from = Math.max(0, at - before)
    const needle = typeset.slice(from, at + after + 1).join('')
    const lead = typeset.slice(from, at).join('').length
    const found = nearestOccurrence(han, needle, expected - lead)
    if (found !== undefined) {
      const { line, column } = pointAtOffset(source, offsets[found + lead]!)
      return { file, line, column }
    }
  }
  return { file }
}

/** Where `needle` occurs in `text` nearest to `near` (UTF-16 units), or undefined. */
function nearestOccurrence(text: string, needle: string, near: number): number | undefined {
  let best: number | undefined
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (best === undefined || Math.abs(i - near) < Math.abs(best - near)) best = i
    // Occurrences come in order: past `near` and moving away, none later is nearer.
    else if (i > near) break
  }
  return best
}
