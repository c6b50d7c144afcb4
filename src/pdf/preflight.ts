/**
 * Preflight (issue 5): every build reads its own PDF back, as a print shop would, and checks the
 * promises a printed booklet must keep. Each check names its rule and lists what it found; the
 * build reports them and `--strict` refuses to replace the previous PDF when one fails.
 * Pure apart from parsing: PDF pages (text lines) and font dictionaries in, results out.
 */
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib'
import type { RoleFontReport } from '../fonts/role-report.ts'
import type { PdfLine, PdfPage } from './pdf-text.ts'
import { LOAD_OPTIONS } from './pdf-lib-options.ts'
import type { OfficialExpectation } from './official-expectations.ts'

export interface PreflightCheck {
  id: string
  rule: string
  /** What is checked, in Chinese, for the report. */
  title: string
  ok: boolean
  problems: string[]
  /** Fails the build even without --strict: a booklet with lost text is never written. */
  blocking?: boolean
  /** TP-1: where each example of lost text is, as an index into `manuscriptHan`, so it can be traced to its line. */
  lostAt?: number[]
}

export interface PreflightResult {
  ok: boolean
  checks: PreflightCheck[]
}

export interface PreflightInput {
  /** The PDF, or the pdf-lib document it was written from. */
  pdf: Uint8Array | PDFDocument
  pages: PdfPage[]
  /** Physical index of the page printed "— 1 —". */
  bodyStartPage: number
  /** The first page is a cover (the booklet); an official document numbers its first page. */
  hasCover: boolean
  /** TOC entries and the physical page their target is on. */
  toc: { text: string; page: number }[]
  /** Han characters of the articles, in reading order. */
  manuscriptHan: string
  /** Text printed more than once on purpose: a table's header row repeated on the pages it continues on. */
  repeatedText?: string
  /** Characters no font has (already reported, FN-5): printed as boxes, not counted as lost. */
  glyphless?: string[]
  fonts: RoleFontReport[]
  missingFonts: string[]
  /** Faces that arrived only during layout (lines measured with another face's metrics). */
  lateFonts?: string[]
  /** When imposing: pages after padding with blanks. */
  imposedPageCount?: number
  /** Every heading of the articles and the physical page it is on (LC-11: none ends a page). */
  headings?: { text: string; page: number }[]
  /**
   * LC-16: the spreads the layout set (the physical index of the right page): `even` where it
   * found both pages ending on one line, `uneven` where nothing it tried balanced them. Spreads
   * where an article or section ends, or with what is off the grid, are not listed.
   */
  spreads?: { right: number; state: 'even' | 'uneven' }[]
  /** Articles laid out as official documents (gongwen-a4), in order, and the type area's foot. */
  official?: { articles: OfficialExpectation[]; typeAreaBottomMm: number; lineMm: number }
}

/** LC-2: marks that may not begin a line, and marks that may not end one. */
export const NO_LINE_START = new Set([...'。，、；：？！）］｝〕〉》」』】〗〙”’·～%‰℃'])
export const NO_LINE_END = new Set([...'（［｛〔〈《「『【〖〘“‘／'])

const FOLIO = /^—\s*(\d+)\s*—$/u
const squash = (text: string) => text.replace(/[\s·.…⋯]+/gu, '')
const hanOf = (text: string) => (text.match(/\p{Script=Han}/gu) ?? []).join('')
const folioOf = (page: PdfPage | undefined) => {
  for (const line of page?.lines ?? []) {
    const match = FOLIO.exec(line.text.trim())
    if (match) return Number(match[1])
  }
  return null
}
const textLines = (page: PdfPage) => page.lines.filter((l) => !FOLIO.test(l.text.trim()) && l.text.trim() !== '')

export async function preflight(input: PreflightInput): Promise<PreflightResult> {
  const checks = [
    tocNumbers(input),
    lineMarks(input),
    hanComplete(input),
    await embeddedFonts(input.pdf),
    roleFonts(input),
    foliosOnBlankPages(input),
    textLayer(input),
    headingsAtFoot(input),
    oneCharacterLastLines(input),
    stretchedLines(input),
    loneLinesAtBreaks(input),
    facingPages(input),
    folioSides(input),
    ...(input.imposedPageCount !== undefined ? [multipleOfFour(input.imposedPageCount)] : []),
    ...(input.official?.articles.length ? officialChecks(input.pages, input.official) : []),
  ]
  return { ok: checks.every((c) => c.ok), checks }
}

function check(id: string, rule: string, title: string, problems: string[]): PreflightCheck {
  return { id, rule, title, ok: problems.length === 0, problems }
}

/** QA-12: the number after each TOC entry is the folio printed on the page of its heading. */
function tocNumbers({ pages, bodyStartPage, toc }: PreflightInput): PreflightCheck {
  const tocText = squash(pages.slice(0, bodyStartPage).flatMap((p) => textLines(p).map((l) => l.text)).join(''))
  const problems: string[] = []
  // Entries are read in order: the same heading may stand in two articles.
  let from = 0
  const escape = (text: string) => squash(text).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')
  for (const [i, entry] of toc.entries()) {
    const target = pages[entry.page]
    const printed = folioOf(target)
    // The page number ends where the next entry begins: "讲话1" + "2026年工作要点3" reads
    // "讲话12026年工作要点3", whose number after 讲话 is 1, not 12026.
    const next = toc[i + 1] && /^\d/u.test(squash(toc[i + 1]!.text)) ? `(?=${escape(toc[i + 1]!.text)})` : '(?!\\d)'
    const found = new RegExp(`${escape(entry.text)}(\\d+)${next}`, 'gu')
    found.lastIndex = from
    const match = found.exec(tocText)
    if (match) from = match.index + match[0].length
    const listed = match?.[1]
    if (!listed) problems.push(`目录中找不到“${entry.text}”或它的页码`)
    else if (Number(listed) !== printed) problems.push(`目录中“${entry.text}”的页码是 ${listed}，它实际印在第 ${printed ?? '（无页码）'} 页`)
    else if (!squash(textLines(target!).map((l) => l.text).join('')).includes(squash(entry.text))) {
      problems.push(`“${entry.text}”不在目录所指的第 ${listed} 页上`)
    }
  }
  return check('toc-pages', 'QA-12', '目录页码与标题所在页一致', problems)
}

/** QA-4 / LC-2: no line of the body begins or ends with a mark that may not stand there. */
function lineMarks({ pages, bodyStartPage }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  pages.forEach((page, i) => {
    if (i < bodyStartPage) return
    for (const line of textLines(page)) {
      const text = line.text.trim()
      const first = text[0]!
      // A lone — at the start is half of a broken ——.
      const loneDash = first === '—' && text[1] !== '—'
      if (NO_LINE_START.has(first) || loneDash) problems.push(`第 ${folioOf(page) ?? i + 1} 页一行以“${first}”开头：${text.slice(0, 12)}……`)
      if (NO_LINE_END.has(text.at(-1)!)) problems.push(`第 ${folioOf(page) ?? i + 1} 页一行以“${text.at(-1)}”结尾：……${text.slice(-12)}`)
    }
  })
  return check('line-marks', 'QA-4', '行首行尾没有禁用的标点', problems)
}

/**
 * TP-1: every Han character of the manuscript is printed on the body pages (nothing lost at a
 * break), and only once (Paged.js that resumed a split paragraph at the wrong place printed a
 * passage twice, silently). Counted per character, so table cells that pdftotext reads across
 * columns do not count; the examples come from reading both in order. Linear in the text: a 1 MB
 * paragraph whose text is lost must not keep the build (and its Ctrl-C) busy for minutes.
 */
function hanComplete({ pages, bodyStartPage, manuscriptHan, repeatedText = '', glyphless = [] }: PreflightInput): PreflightCheck {
  const boxes = new Set(glyphless.map((c) => c.normalize('NFKC')))
  // Each wanted character remembers its index in manuscriptHan (`origin`), for the examples' places.
  const wanted: string[] = []
  const origin: number[] = []
  for (const [index, c] of [...manuscriptHan].entries()) {
    const char = c.normalize('NFKC')
    if (boxes.has(char)) continue
    wanted.push(char)
    origin.push(index)
  }
  const printed = [...hanOf(pages.slice(bodyStartPage).flatMap((p) => textLines(p).map((l) => l.text)).join('')).normalize('NFKC')].filter((c) => !boxes.has(c))
  const shortBy = new Map<string, number>()
  for (const char of wanted) shortBy.set(char, (shortBy.get(char) ?? 0) + 1)
  for (const char of hanOf(repeatedText).normalize('NFKC')) shortBy.set(char, (shortBy.get(char) ?? 0) + 1)
  for (const char of printed) shortBy.set(char, (shortBy.get(char) ?? 0) - 1)
  let missing = 0
  let extra = 0
  for (const n of shortBy.values()) {
    if (n > 0) missing += n
    else extra -= n
  }
  if (missing === 0 && extra === 0) return check('text-complete', 'TP-1', TEXT_COMPLETE, [])
  if (missing === 0) {
    const repeated = repeatedPassage(wanted, printed)
    const problem = `有 ${extra} 个字印了不止一遍（排版时重复了一段文字）${repeated ? `，如“${repeated.text}”` : ''}`
    return { ...check('text-complete', 'TP-1', TEXT_COMPLETE, [problem]), blocking: true, lostAt: repeated ? [origin[repeated.at]!] : [] }
  }
  // Where the printed text, read in order, first lacks a character that is short.
  const positions = new Map<string, number[]>()
  printed.forEach((char, i) => positions.get(char)?.push(i) ?? positions.set(char, [i]))
  const examples: string[] = []
  const lostAt: number[] = []
  let at = 0
  for (let i = 0; i < wanted.length && examples.length < 5; i++) {
    const char = wanted[i]!
    const next = firstAtLeast(positions.get(char) ?? [], at)
    if (next !== undefined) at = next + 1
    else if ((shortBy.get(char) ?? 0) > 0) {
      examples.push(`“${char}”（${wanted.slice(Math.max(0, i - 6), i + 1).join('')}）`)
      lostAt.push(origin[i]!)
    }
  }
  const problem = `稿件中有 ${missing} 个字没有印出来${examples.length ? `，如 ${examples.join('、')}` : ''}`
  return { ...check('text-complete', 'TP-1', TEXT_COMPLETE, [problem]), blocking: true, lostAt }
}

const TEXT_COMPLETE = '稿件的每个汉字都印在正文页上，且只印一次'

/**
 * The first run of a dozen characters printed more often than the manuscript has it: where a
 * passage was printed again. `at` is its index in `wanted` (its first occurrence there).
 */
function repeatedPassage(wanted: string[], printed: string[]): { text: string; at: number } | undefined {
  const RUN = 12
  const left = new Map<string, number>()
  const first = new Map<string, number>()
  for (let i = 0; i + RUN <= wanted.length; i++) {
    const run = wanted.slice(i, i + RUN).join('')
    left.set(run, (left.get(run) ?? 0) + 1)
    if (!first.has(run)) first.set(run, i)
  }
  for (let i = 0; i + RUN <= printed.length; i++) {
    const run = printed.slice(i, i + RUN).join('')
    const n = left.get(run)
    if (n === undefined) continue // not manuscript text in this order (a table read across): not a repeat
    if (n === 0) return { text: run, at: first.get(run)! }
    left.set(run, n - 1)
  }
  return undefined
}

/** The first number in an ascending list that is at least `min` (binary search). */
function firstAtLeast(sorted: number[], min: number): number | undefined {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]! < min) low = mid + 1
    else high = mid
  }
  return sorted[low]
}

/** No Type 3 font (print shops reject them) and every font embedded. */
async function embeddedFonts(pdf: Uint8Array | PDFDocument): Promise<PreflightCheck> {
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, LOAD_OPTIONS)
  const problems = new Set<string>()
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue
    const subtype = object.get(PDFName.of('Subtype'))
    const name = String(object.get(PDFName.of('BaseFont')) ?? '').replace(/^\/([A-Z]{6}\+)?/u, '')
    if (subtype === PDFName.of('Type3')) problems.add(`Type 3 字体：${name || '（无名）'}`)
    if (subtype === PDFName.of('Type0')) continue // its descendant CID font carries the descriptor
    const descriptor = object.lookup(PDFName.of('FontDescriptor'))
    if (subtype !== PDFName.of('Type3') && !(descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.get(PDFName.of(k)) instanceof PDFRef))) {
      problems.add(`字体没有嵌入：${name}`)
    }
  }
  return check('fonts-embedded', 'QA-7', '字体全部嵌入，没有 Type 3 字体', [...problems])
}

/** FN-5 / FN-6: every role drew its text with its own font, no fallback face. */
function roleFonts({ fonts, missingFonts, lateFonts = [] }: PreflightInput): PreflightCheck {
  const problems = missingFonts.map((family) => `字体未能载入：${family}`)
  for (const family of lateFonts) problems.push(`字体 ${family} 在排版中途才载入，部分行可能按别的字体测量`)
  for (const role of fonts) {
    if (role.source === 'fallback') problems.push(`${role.label}用的是替代字体 ${role.face}`)
    const others = role.used.filter((f) => f.family !== role.face && f.family !== 'Booklet Latin' && !/Liberation|Times/.test(f.family))
    for (const face of others) problems.push(`${role.label}中有 ${face.glyphs} 个字用了替代字体 ${face.family}`)
  }
  return check('role-fonts', 'FN-5', '各角色都用预定字体，没有替代字体', problems)
}

/** QA-10: no page number on the cover or on a blank page. */
/**
 * Issue 19: the text a PDF reader copies is the manuscript's — no Kangxi radical (⼀ for 一) that
 * the manuscript does not have, as a font whose glyph serves both would give (pdftotext and the
 * checks above read radicals as the ideograph and would not see it).
 */
function textLayer({ pages, manuscriptHan }: PreflightInput): PreflightCheck {
  const typed = new Set(manuscriptHan.match(/[\u2e80-\u2fdf]/gu) ?? [])
  const problems: string[] = []
  pages.forEach((page, i) => {
    const wrong = [...(page.radicals ?? '')].filter((char) => !typed.has(char))
    if (wrong.length === 0) return
    const examples = [...new Set(wrong)].slice(0, 5).map((char) => `“${char}”（应为“${char.normalize('NFKC')}”）`).join('、')
    problems.push(`第 ${folioOf(page) ?? i + 1} 页的文字层中有 ${wrong.length} 个字复制出来是形近的部首：${examples}`)
  })
  return check('text-layer', 'PDF-TEXT', '复制出的文字没有形近的部首字符', problems)
}

/** LC-11 (issue 19): no heading is the last line of its page, alone at its foot. */
function headingsAtFoot({ pages, headings = [] }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  for (const heading of headings) {
    const page = pages[heading.page]
    if (!page) continue
    const lines = textLines(page)
    const wanted = squash(heading.text)
    // The heading's own line (its last, when it wraps): a line that holds nothing but heading text.
    const at = lines.findLastIndex((l) => squash(l.text) === wanted || (squash(l.text).length >= 4 && wanted.endsWith(squash(l.text))))
    if (at >= 0 && at === lines.length - 1 && lines.length > 1) problems.push(`第 ${folioOf(page) ?? heading.page + 1} 页：标题“${heading.text}”是这一页的最后一行`)
  }
  return check('heading-foot', 'LC-11', '标题不落在页末', problems)
}

/**
 * LC-10 (issue 19): no paragraph ends in a line of one character (“题。”). Read from the print: a
 * line at the left edge of the text with one Han character and at most its marks, in the body's
 * size (table cells are set smaller) — a line that short is only ever a paragraph's last.
 */
function oneCharacterLastLines({ pages, bodyStartPage }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  pages.forEach((page, i) => {
    if (i < bodyStartPage) return
    const lines = textLines(page)
    if (lines.length < 3) return
    const sizes = lines.map((l) => Math.round(l.size))
    const body = sizes.sort((a, b) => sizes.filter((s) => s === b).length - sizes.filter((s) => s === a).length)[0]!
    const bodyLines = lines.filter((l) => Math.round(l.size) === body)
    const left = Math.min(...bodyLines.map((l) => l.xMin))
    const right = Math.max(...bodyLines.map((l) => l.xMax))
    // A paragraph's last line follows a full line of it one line pitch above, flush left or
    // indented 2 字 (its first): a table cell of one character (甲, 男) beside or under other
    // cells is no paragraph's end.
    const fullLineAbove = (line: PdfLine) =>
      bodyLines.some(
        (above) =>
          above.y > line.y &&
          above.y - line.y < 2 * line.size &&
          above.xMax > right - line.size &&
          (Math.abs(above.xMin - left) < 2 || Math.abs(above.xMin - left - 2 * line.size) < 2),
      )
    for (const line of lines) {
      const text = line.text.trim()
      const han = text.match(/\p{Script=Han}/gu) ?? []
      if (han.length === 1 && /^\p{Script=Han}[。，、；：！？”’）》…—]*$/u.test(text) && Math.round(line.size) === body && line.xMin - left < 2 && fullLineAbove(line)) {
        problems.push(`第 ${folioOf(page) ?? i + 1} 页有一段的最后一行只有一个字：“${text}”`)
      }
    }
  })
  return check('one-char-line', 'LC-10', '段末不留单字', problems)
}

/**
 * LC-9 (issue 19): no line's characters spread over the measure — a short line justified (before
 * a hard break, at a split paragraph's end, beside a URL that cannot break) or a cell set
 * letter-spaced. Read from the glyphs' positions: two or more gaps over half an em between
 * neighbouring glyphs of one line. Gaps a table's cell border crosses are between cells; lines
 * larger than the body (titles, the 公文 mark, whose spacing is designed) are not body lines, nor
 * is a row of emphasis dots.
 */
function stretchedLines({ pages, bodyStartPage }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  const body = bodySizeOf(pages.slice(bodyStartPage))
  pages.forEach((page, i) => {
    if (i < bodyStartPage) return
    for (const row of page.rows ?? []) {
      // Emphasis dots (着重号, LC-15) are drawn as a row of their own under the characters.
      if (row.size > body + 0.5 || !/[\p{L}\p{N}]/u.test(row.text)) continue
      const cells = [[]] as number[][]
      for (const gap of row.gaps) {
        if (gap.ruled) cells.push([])
        else cells.at(-1)!.push(gap.width)
      }
      const widest = cells.map((gaps) => gaps.filter((g) => g > STRETCHED_GAP * row.size)).filter((wide) => wide.length >= 2).flat()
      if (widest.length === 0) continue
      const gap = Math.max(...widest) / row.size
      problems.push(`第 ${folioOf(page) ?? i + 1} 页有一行字距被拉开（字距最宽 ${gap.toFixed(2)} 字）：“${row.text.slice(0, 16)}${row.text.length > 16 ? '…' : ''}”`)
    }
  })
  return check('stretched-lines', 'LC-9', '没有字距被拉开的行', problems)
}

/**
 * LC-11 (issue 19): no paragraph leaves its first line alone at the foot of a page (an orphan)
 * or its last line alone at the head of the next (a widow). Read from the print, body lines only
 * (the body's size, from the left edge of the text): a paragraph's first line is set in 2 字; a
 * line at the foot that is a first line and full to the right edge, without a closing mark, goes
 * on on the next page; a line at the head that is not indented and is followed by a new
 * paragraph (or by nothing on the page) is a paragraph's last line.
 */
function loneLinesAtBreaks({ pages, bodyStartPage }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  const bodyPages = pages.slice(bodyStartPage)
  const body = bodySizeOf(bodyPages)
  const bodyLinesOf = (page: PdfPage) => textLines(page).filter((l) => Math.abs(l.size - body) < 0.5)
  const all = bodyPages.flatMap(bodyLinesOf)
  if (all.length === 0) return check('lone-lines', 'LC-11', '段落首行、末行不单独留在页末、页首', problems)
  const left = Math.min(...all.map((l) => l.xMin))
  const right = Math.max(...all.map((l) => l.xMax))
  const indented = (line: PdfLine) => Math.abs(line.xMin - left - 2 * body) < body / 3
  const flush = (line: PdfLine) => Math.abs(line.xMin - left) < body / 3
  const full = (line: PdfLine) => line.xMax > right - body / 2
  const ends = (line: PdfLine) => /[。！？；：…”’）]$/u.test(line.text.trim())
  pages.forEach((page, i) => {
    if (i < bodyStartPage) return
    const lines = bodyLinesOf(page)
    if (lines.length < 3) return
    const folio = folioOf(page) ?? i + 1
    const [first, second] = [lines[0]!, lines[1]!]
    // The foot: a first line alone, its paragraph going on overleaf.
    const last = lines.at(-1)!
    if (indented(last) && full(last) && !ends(last) && i + 1 < pages.length) {
      const next = bodyLinesOf(pages[i + 1]!)[0]
      if (next && flush(next)) problems.push(`第 ${folio} 页末行“${last.text.trim().slice(0, 12)}……”是一段的第一行，这一段其余的行在下一页`)
    }
    // The head: a paragraph's last line alone, the paragraph begun on the page before.
    const previous = i > bodyStartPage ? bodyLinesOf(pages[i - 1]!).at(-1) : undefined
    if (flush(first) && previous && full(previous) && !ends(previous) && indented(second) && ends(first)) {
      problems.push(`第 ${folio} 页首行“${first.text.trim().slice(0, 12)}”是上一页那一段的最后一行，单独留在这一页`)
    }
  })
  return check('lone-lines', 'LC-11', '段落首行、末行不单独留在页末、页首', problems)
}

/**
 * LC-16 (issue 19): facing pages end on the same line unless an article or section ends on the
 * spread. Read from the PDF: the baseline of the lowest line of text on each page of a spread
 * the layout balanced; the spreads it could not balance are listed with what the user can do.
 */
function facingPages({ pages, spreads = [] }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  const foot = (page: PdfPage | undefined) => Math.min(...(page ? textLines(page).map((l) => l.y) : []))
  const pitchOf = (page: PdfPage) => {
    const ys = [...new Set(textLines(page).map((l) => Math.round(l.y * 10) / 10))].sort((a, b) => b - a)
    const steps = ys.slice(1).map((y, i) => ys[i]! - y).sort((a, b) => a - b)
    return steps[Math.floor(steps.length / 2)] ?? 0
  }
  for (const { right, state } of spreads) {
    const [left, page] = [pages[right - 1], pages[right]]
    if (!left || !page) continue
    const [a, b] = [foot(left), foot(page)]
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue
    const name = `第 ${folioOf(left) ?? right}、${folioOf(page) ?? right + 1} 页`
    const pitch = pitchOf(left) || pitchOf(page)
    const lines = pitch > 0 ? Math.round(Math.abs(a - b) / pitch) : 0
    const shorter = a > b ? '左页' : '右页'
    if (state === 'uneven') {
      problems.push(`${name}：对页末行没有对齐，${shorter}少 ${lines} 行——在这两页上删减或增补几个字，让一段少占或多占一行即可`)
    } else if (Math.abs(a - b) > 2) {
      problems.push(`${name}：排版时末行对齐，印出的 PDF 中${shorter}少 ${lines} 行`)
    }
  }
  return check('facing-pages', 'LC-16', '对页末行对齐（章节结束处除外）', problems)
}

/** Half an em: wider than any gap justification leaves in a full line of Chinese text. */
const STRETCHED_GAP = 0.5

/** The size most lines of the pages are set in, in points (to the half point). */
function bodySizeOf(pages: PdfPage[]): number {
  const counts = new Map<number, number>()
  for (const line of pages.flatMap(textLines)) {
    const size = Math.round(line.size * 2) / 2
    counts.set(size, (counts.get(size) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
}

function foliosOnBlankPages({ pages, hasCover }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  if (hasCover && folioOf(pages[0]) !== null) problems.push('封面印了页码')
  pages.forEach((page, i) => {
    const folio = folioOf(page)
    if (folio !== null && textLines(page).length === 0) problems.push(`空白页（第 ${i + 1} 张 PDF 页）印了页码 ${folio}`)
  })
  return check('blank-folios', 'QA-10', '封面和空白页不印页码', problems)
}

/**
 * QA-10 / EL-23: odd page numbers on right-hand pages (the cover, PDF page 1, is a right-hand
 * page), and each number on the outer side of its page.
 */
function folioSides({ pages }: PreflightInput): PreflightCheck {
  const problems: string[] = []
  pages.forEach((page, i) => {
    const folio = folioOf(page)
    if (folio === null) return
    const right = i % 2 === 0
    if (folio % 2 === 1 !== right) problems.push(`页码 ${folio} 印在${right ? '右' : '左'}页（第 ${i + 1} 张 PDF 页）`)
    const line = page.lines.find((l) => FOLIO.test(l.text.trim()))!
    const outer = right ? line.xMin > page.width / 2 : line.xMax < page.width / 2
    if (!outer) problems.push(`页码 ${folio} 没有印在页面外侧（第 ${i + 1} 张 PDF 页）`)
  })
  return check('folio-sides', 'QA-10', '单页码在右页、双页码在左页', problems)
}

function multipleOfFour(count: number): PreflightCheck {
  return check('page-count', 'QA-10', '拼版页数是 4 的倍数', count % 4 === 0 ? [] : [`拼版后共 ${count} 页，不是 4 的倍数`])
}

const MM_PER_PT = 25.4 / 72

/** Characters' em box of a printed line, in mm from the top of the paper (0.88 em above the baseline, 0.12 below). */
const emTopOf = (page: PdfPage, line: PdfLine) => (page.height - line.y - 0.88 * line.size) * MM_PER_PT
const emBottomOf = (page: PdfPage, line: PdfLine) => (page.height - line.y + 0.12 * line.size) * MM_PER_PT

/** The first page from `from` with a line holding `text` (spaces aside) at `minSize` pt or more, and that line. */
function findLine(pages: PdfPage[], text: string, from: number, minSize = 0): { index: number; line: PdfLine } | undefined {
  const wanted = squash(text)
  for (let index = from; index < pages.length; index++) {
    const line = pages[index]!.lines.find((l) => l.size >= minSize && squash(l.text).includes(wanted))
    if (line) return { index, line }
  }
  return undefined
}

/**
 * GB/T 9704 read back from the print: the mark where the standard puts it (7.2.4: ±0.5 mm); the
 * 版记 on an even page with its last line on the foot of the type area (7.4); the 落款 on a page
 * with text of the document above it, never alone (7.3.5).
 */
function officialChecks(pages: PdfPage[], official: NonNullable<PreflightInput['official']>): PreflightCheck[] {
  const problems = { head: [] as string[], closing: [] as string[], colophon: [] as string[] }
  let from = 0
  for (const article of official.articles) {
    // Which document, when the PDF holds several.
    const name = article.title && official.articles.length > 1 ? `《${article.title}》：` : ''
    const report = (kind: keyof typeof problems, message: string) => problems[kind].push(name + message)
    if (article.mark) {
      // The mark, not the 版记's 印发机关 that may carry the same name: set far larger than any text.
      const found = findLine(pages, article.mark.text, from, 18)
      if (!found) report('head', `找不到发文机关标志“${article.mark.text}”`)
      else {
        from = found.index
        const top = emTopOf(pages[found.index]!, found.line)
        if (Math.abs(top - article.mark.topMm) > 0.5) report('head', `发文机关标志“${article.mark.text}”的上边缘距纸张上边 ${top.toFixed(1)} mm，应为 ${article.mark.topMm.toFixed(1)} mm`)
      }
    }
    const closing = article.closing
    const date = closing?.date ? findLine(pages, closing.date, from) : undefined
    if (closing && date) {
      const page = pages[date.index]!
      // The signature line nearest above the date (the mark may carry the same name).
      const signature = closing.signature ? page.lines.filter((l) => l.y >= date.line.y && squash(l.text).includes(squash(closing.signature!))).at(-1) : undefined
      const top = signature ?? date.line
      if (!textLines(page).some((l) => l.y > top.y + 1)) report('closing', `落款（${closing.signature ?? ''}${closing.date}）单独在第 ${folioOf(page) ?? date.index + 1} 页上，前面没有正文`)
    }
    if (article.colophon) {
      const found = findLine(pages, article.colophon.lastLine, from)
      if (!found) report('colophon', `找不到版记“${article.colophon.lastLine}”`)
      else {
        from = found.index
        if (article.colophon.evenPage && found.index % 2 === 0) report('colophon', `版记“${article.colophon.lastLine}”印在第 ${found.index + 1} 张（单页）上，应在双页（最后一页的背面）`)
        const bottom = emBottomOf(pages[found.index]!, found.line)
        if (bottom > official.typeAreaBottomMm + 0.5 || bottom < official.typeAreaBottomMm - official.lineMm) report('colophon', `版记最后一行在距纸张上边 ${bottom.toFixed(1)} mm 处，不在版心最下一行（${official.typeAreaBottomMm.toFixed(1)} mm）`)
      }
    }
  }
  return [
    check('official-head', 'GB/T 9704 7.2', '公文版头的发文机关标志位置正确', problems.head),
    check('official-closing', 'GB/T 9704 7.3.5', '落款与正文在同一页', problems.closing),
    check('official-colophon', 'GB/T 9704 7.4', '版记在双页的版心最下方', problems.colophon),
  ]
}
