import type { Diagnostic } from './diagnostics.ts'
import type { RoleFontReport } from './fonts/role-report.ts'
import type { Sheet } from './pdf/impose.ts'
import type { PageChanges } from './pdf/page-changes.ts'
import type { PreflightResult } from './pdf/preflight.ts'

/** Everything a build found out, for the CLI's summary, `--json`, and the tests. */
export interface BuildReport {
  ok: boolean
  input: string
  outputs: { html?: string; pdf?: string; imposed?: string }
  title: string
  /** Physical pages in the PDF, cover included. */
  pageCount: number
  /** 0-based physical index of the page printed "— 1 —". */
  bodyStartPage: number
  pages: {
    index: number
    side: 'left' | 'right'
    blank: boolean
    folio: number | null
    /** On a right page: how its spread ends (LC-16): on one line (`even`, `balanced` once set again) or not (`uneven`); none where a section ends. */
    spread?: 'even' | 'balanced' | 'uneven'
  }[]
  articles: {
    id: string
    file: string
    title: string
    page: number
    folio: number | null
    headings: { id: string; level: number; text: string; page: number; folio: number | null }[]
  }[]
  /** Font actually used per role (QA-7). */
  fonts: RoleFontReport[]
  /** `字。”字` in the body font: 3.5 em when marks are compressed (QA-6); `halt` false = TP-3 used. */
  compression: { halt: boolean; em: number } | null
  /** Widths of —— and …… as laid out, in em (QA-5). */
  markWidths: { mark: string; em: number }[]
  /** The build's check of its own PDF (issue 5); null when no PDF was made. */
  preflight: PreflightResult | null
  /** With `--impose`: the sheets of booklet-imposed.pdf, A5 page indices per side (null = blank). */
  imposition: { sheets: Sheet[]; pageCount: number; blanks: number } | null
  /** Pages (and sheets) that differ from the previous booklet.pdf in the output folder; null if there was none. */
  changes: PageChanges | null
  /** Articles (their files) laid out alone into the last booklet's pages (watch, issue 6); null: the whole booklet was laid out. */
  relaid: string[] | null
  diagnostics: Diagnostic[]
  timings: Record<string, number>
}

/**
 * Pages (0-based indices into `pages`) named as a reader finds them: “PDF 第 5～6 页（页码 1～2）”,
 * with the folios of those that have one (the build report and the watch line say the same).
 */
export function namePages(indices: number[], pages: BuildReport['pages']): string {
  const folios = indices.map((p) => pages[p]?.folio).filter((f): f is number => f !== null && f !== undefined)
  return `PDF 第 ${numberRanges(indices.map((p) => p + 1)).join('、')} 页${folios.length ? `（页码 ${numberRanges(folios).join('、')}）` : ''}`
}

/** [1, 3, 4, 5] → ['1', '3～5'] */
function numberRanges(numbers: number[]): string[] {
  const out: string[] = []
  for (let i = 0; i < numbers.length; i++) {
    let j = i
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++
    out.push(j > i ? `${numbers[i]}～${numbers[j]}` : String(numbers[i]))
    i = j
  }
  return out
}
