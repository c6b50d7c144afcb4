/**
 * Structure accuracy (issue 17): imports each corpus text as `booklet build` would, runs the
 * article pipeline, and reads back what would be printed — the article header, every heading
 * with its number, and the role each paragraph is set in — to compare it with what a reader
 * wrote down (README.md beside this file). Used by `npm run accuracy` and the accuracy test.
 */
import type { Element, Root as HastRoot } from 'hast'
import { toString } from 'hast-util-to-string'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { VFile } from 'vfile'
import { parse } from 'yaml'
import { docxToBlocks } from '../../src/import/docx.ts'
import { importPlainText } from '../../src/import/plain-text.ts'
import { structureToMarkdown } from '../../src/import/structure.ts'
import { makeOfficeDocx, OFFICE_STYLES } from './office-docx.ts'
import type { ImportResult, SourcePlace } from '../../src/import/source-blocks.ts'
import { processArticle } from '../../src/pipeline/processor.ts'
import { typedOrdinal } from '../../src/text/ordinals.ts'

export const CORPUS = import.meta.dirname

/** What a printed article shows, read from the pipeline's tree. */
export interface Printed {
  title: string
  subtitle?: string
  speaker?: string
  date?: string
  salutation?: string
  headings: [number, string][]
  /** The bold words that open body paragraphs (lead sentences, 一是……). */
  leads: string[]
  signature?: string
  closingDate?: string
  /** Source line → the role it is printed in. */
  roles: Map<SourcePlace, string>
}

const HEADER_ROLES: Record<string, string> = {
  'article-title': 'title',
  'article-subtitle': 'subtitle',
  'article-speaker': 'speaker',
  'article-date': 'date',
  'article-note': 'note',
  'article-source': 'note',
  'article-doc-number': 'doc-number',
}
const BODY_ROLES = ['salutation', 'signature', 'closing-date', 'attachment-note', 'attachment-label', 'attachment-title']

/** Imports `text` (a .txt file's content) and reads back the printed structure. */
export async function printedStructure(text: string, name: string): Promise<Printed & { imported: ImportResult }> {
  return readBack(importPlainText(text, name), `${name}.txt`)
}

/** Imports a Word file as `booklet build` does and reads back the printed structure. */
export async function printedDocxStructure(bytes: Buffer, name: string): Promise<Printed & { imported: ImportResult }> {
  const { blocks, notes } = await docxToBlocks(bytes)
  const imported = structureToMarkdown(blocks, name)
  return readBack({ ...imported, notes: [...notes, ...imported.notes] }, `${name}.docx`)
}

async function readBack(imported: ImportResult, path: string): Promise<Printed & { imported: ImportResult }> {
  const file = new VFile({ path, value: imported.markdown, data: { displayPath: path, imported: { lineMap: imported.lineMap } } })
  const tree = await processArticle(file, 'art')
  const printed: Printed = { title: '', headings: [], leads: [], roles: new Map() }
  const sourceOf = (element: Element): SourcePlace[] => {
    const start = element.position?.start.line
    const end = element.position?.end.line ?? start
    if (!start || !end) return []
    return imported.lineMap.slice(start - 1, end).filter((place) => place !== undefined)
  }
  for (const [field, places] of Object.entries(imported.matterLines ?? {})) {
    for (const place of places) printed.roles.set(place, field === 'docNumber' ? 'doc-number' : field === 'source' ? 'note' : field)
  }
  const walk = (element: Element): void => {
    const classes = ((element.properties.className as string[] | undefined) ?? []).map(String)
    const text = toString(element).trim()
    const header = classes.map((c) => HEADER_ROLES[c]).find(Boolean)
    if (header) {
      if (header === 'title') printed.title = text
      if (header === 'subtitle') printed.subtitle = text
      if (header === 'speaker') printed.speaker = text
      if (header === 'date') printed.date = text
      return
    }
    const heading = /^h([2-5])$/.exec(element.tagName)
    if (heading) {
      const level = Number(heading[1]) - 1
      printed.headings.push([level, text])
      for (const place of sourceOf(element)) printed.roles.set(place, `h${level}`)
      return
    }
    if (element.tagName === 'p' || element.tagName === 'ul' || element.tagName === 'ol' || element.tagName === 'table') {
      const role = element.tagName === 'p' ? (BODY_ROLES.find((r) => classes.includes(r)) ?? 'body') : element.tagName === 'table' ? 'body' : 'list'
      const opening = element.children.find((c) => c.type !== 'text' || c.value.trim() !== '')
      if (role === 'body' && opening?.type === 'element' && (opening.tagName === 'strong' || opening.tagName === 'b')) printed.leads.push(toString(opening).trim())
      if (role === 'salutation') printed.salutation = text
      if (role === 'signature') printed.signature = text
      if (role === 'closing-date') printed.closingDate = text
      // A run-in heading's body shares the heading's source line: the line is the heading's.
      for (const place of sourceOf(element)) if (!printed.roles.has(place)) printed.roles.set(place, role === 'attachment-title' ? 'title' : role)
      return
    }
    for (const child of element.children) if (child.type === 'element') walk(child)
  }
  for (const child of (tree as HastRoot).children) if (child.type === 'element') walk(child)
  return { ...printed, imported }
}

// ---------------------------------------------------------------- whole documents

export interface ExpectedDocument {
  source: string
  kind?: string
  title: string
  subtitle?: string
  speaker?: string
  date?: string | Date
  salutation?: string
  headings?: [number, string][]
  /** Lead sentences that open body paragraphs, set in bold. */
  leads?: string[]
  signature?: string
  closingDate?: string
}

/** One compared element: `what` names it for the report. */
export interface Check {
  element: string
  ok: boolean
  what: string
}

/** Spaces, width and trailing marks are typography, not structure. */
const normal = (text: string | undefined) =>
  (text ?? '')
    .normalize('NFKC')
    .replace(/[\s\u3000]/gu, '')
    // ○ typed for 〇 is mended in print (a character fix, not a change of structure).
    .replace(/○/gu, '〇')
    .replace(/^——/u, '')
    .replace(/[。：:；;，,]$/u, '')

const isoDate = (value: string | Date | undefined) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)

/** The date line printed as （2026年1月13日…） is compared by its date. */
function printedDate(text: string | undefined): string | undefined {
  const found = text && /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/u.exec(text)
  if (!found) return undefined
  const pad = (n: string | undefined) => (n ? `-${n.padStart(2, '0')}` : '')
  return `${found[1]}${pad(found[2])}${pad(found[3])}`
}

/** The number a heading shows, as typed (1. and 1．are one form), or '' without one. */
function numberOf(text: string): string {
  const typed = typedOrdinal(text.normalize('NFKC'))
  return typed ? `${typed.level}:${typed.value}` : ''
}

export function compareDocument(expected: ExpectedDocument, printed: Printed, name: string): Check[] {
  const checks: Check[] = []
  const field = (element: string, want: string | undefined, got: string | undefined, equal = normal(want) === normal(got)) => {
    if (want === undefined && got === undefined) return
    checks.push({ element, ok: equal, what: `${element}: 应为“${want ?? '（无）'}”，排出“${got ?? '（无）'}”` })
  }
  // A text copied without its title (a web page's stored copy) has none to expect: the opening words stand in, with a warning.
  if (expected.title !== undefined) field('title', expected.title, printed.title)
  checks.push({ element: 'file-name-title', ok: normal(printed.title) !== normal(name), what: `标题印成了文件名“${name}”` })
  field('subtitle', expected.subtitle, printed.subtitle)
  field('speaker', expected.speaker, printed.speaker)
  const wantDate = isoDate(expected.date)
  field('date', wantDate, printedDate(printed.date) ?? printed.date, wantDate === printedDate(printed.date))
  field('salutation', expected.salutation, printed.salutation)
  field('signature', expected.signature, printed.signature)
  field('closingDate', expected.closingDate, printed.closingDate)
  checks.push(...compareHeadings(expected.headings ?? [], printed.headings))
  const bold = new Set(printed.leads.map(normal))
  for (const lead of expected.leads ?? []) checks.push({ element: 'lead', ok: bold.has(normal(lead)), what: `段首引领句没有加粗：“${lead}”` })
  return checks
}

/**
 * Headings are aligned in order (longest common subsequence on level and text): each expected
 * heading is right when it is printed at its level with its text; each printed heading that no
 * expected one matches is a wrong heading. The number is checked on its own: printed as typed.
 */
function compareHeadings(expected: [number, string][], printed: [number, string][]): Check[] {
  const key = ([level, text]: [number, string]) => {
    const plain = text.normalize('NFKC')
    return `${level}|${normal(plain.replace(typedOrdinal(plain)?.text ?? '', '') || plain)}`
  }
  const bodyKey = ([, text]: [number, string]) => normal(text.normalize('NFKC').replace(typedOrdinal(text.normalize('NFKC'))?.text ?? '', ''))
  const a = expected.map(bodyKey)
  const b = printed.map(bodyKey)
  // LCS on the heading text without its number, so a wrong number or level still pairs up.
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
  const checks: Check[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      const want = expected[i]!
      const got = printed[j]!
      checks.push({ element: 'heading', ok: key(want) === key(got), what: `标题层级：“${want[1]}”应为${want[0]}级，排为${got[0]}级` })
      checks.push({ element: 'heading-number', ok: numberOf(want[1]) === numberOf(got[1]), what: `标题编号：应为“${want[1]}”，排出“${got[1]}”` })
      i++
      j++
    } else if (j < b.length && (i === a.length || table[i]![j + 1]! >= table[i + 1]![j]!)) {
      checks.push({ element: 'heading', ok: false, what: `多出的标题（${printed[j]![0]}级）：“${printed[j]![1]}”` })
      j++
    } else {
      checks.push({ element: 'heading', ok: false, what: `缺少的标题（${expected[i]![0]}级）：“${expected[i]![1]}”` })
      i++
    }
  }
  return checks
}

// ---------------------------------------------------------------- other projects' cases

export interface ExpectedCase {
  name: string
  from?: string
  lines: [string, string][]
}

/** Each non-empty input line's printed role against the role the case expects. */
export async function compareCase(testCase: ExpectedCase, name: string): Promise<Check[]> {
  const input = testCase.lines.map(([, text]) => text).join('\n')
  const printed = await printedStructure(input, name)
  const checks: Check[] = []
  let role = 'body'
  testCase.lines.forEach(([want, text], index) => {
    // A line joined into the paragraph above (a hard wrap) is printed in that paragraph's role.
    role = printed.roles.get(index + 1) ?? role
    checks.push({ element: want, ok: role === want, what: `第 ${index + 1} 行应为 ${want}，排为 ${role}：${text}` })
  })
  return checks
}

// ---------------------------------------------------------------- the whole corpus

export interface Result {
  /** documents/ID or cases/PROJECT#N */
  item: string
  checks: Check[]
}

export async function measureDocuments(only?: string): Promise<Result[]> {
  const folder = join(CORPUS, 'documents')
  const results: Result[] = []
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    const id = basename(file, '.yaml')
    if (only && !id.includes(only)) continue
    const expected = parse(readFileSync(join(folder, file), 'utf8')) as ExpectedDocument
    const text = readFileSync(join(folder, `${id}.txt`), 'utf8')
    const printed = await printedStructure(text, id)
    results.push({ item: `documents/${id}`, checks: compareDocument(expected, printed, id) })
  }
  return results
}

/** Documents that are also measured as Word files made the way offices make them (office-docx.ts). */
export const AS_WORD = [
  'c-holiday-2025-guobanfamingdian',
  'cq-gov-work-report-2026',
  'gov-gb-coal-mine-accident-bulletin-2004',
  'gov-sc-double-random-opinion-2019',
  'sp-dangke-hust-dangshi',
  'c-fangan-sxyz-xianguanxiaopin-2021',
  'c-jianghua-sxyz-zhutijiaoyu-zongjie',
  'js-gov-work-report-2026',
]

export async function measureWordDocuments(only?: string): Promise<Result[]> {
  const folder = join(CORPUS, 'documents')
  const results: Result[] = []
  for (const id of AS_WORD) {
    if (only && !id.includes(only)) continue
    const expected = parse(readFileSync(join(folder, `${id}.yaml`), 'utf8')) as ExpectedDocument
    const text = readFileSync(join(folder, `${id}.txt`), 'utf8')
    for (const style of OFFICE_STYLES) {
      const bytes = await makeOfficeDocx(text, expected, style)
      if (!bytes) continue
      const printed = await printedDocxStructure(bytes, id)
      results.push({ item: `documents/${id}.docx（${style}）`, checks: compareDocument(expected, printed, id) })
    }
  }
  return results
}

/** What a pasted official document's 版头 and 版记 lines are read into (issue 18), besides its structure. */
export interface ExpectedOfficial extends ExpectedDocument {
  /** 文件 (default), 信函, 命令, 纪要: where the text shows it. */
  format?: string
  issuer?: string | string[]
  docNumber?: string
  signers?: string[]
  copyNumber?: string
  secrecy?: string
  urgency?: string
  cc?: string | string[]
  printer?: string
  printDate?: string
  remarks?: string
  present?: string
  absent?: string
  attending?: string
}

const OFFICIAL_FIELDS = ['issuer', 'docNumber', 'signers', 'copyNumber', 'secrecy', 'urgency', 'cc', 'printer', 'printDate', 'remarks', 'present', 'absent', 'attending'] as const

/** test/corpus/official: real documents of each 公文格式, their 版头 and 版记 read from the pasted text. */
export async function measureOfficialDocuments(only?: string): Promise<Result[]> {
  const folder = join(CORPUS, 'official')
  const results: Result[] = []
  const joined = (value: unknown) => (value === undefined ? undefined : [value].flat().map(String).join('、'))
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    const id = basename(file, '.yaml')
    if (only && !id.includes(only)) continue
    const expected = parse(readFileSync(join(folder, file), 'utf8')) as ExpectedOfficial
    const printed = await printedStructure(readFileSync(join(folder, `${id}.txt`), 'utf8'), id)
    const matter = printed.imported.matter
    const checks = compareDocument(expected, printed, id)
    const field = (element: string, want: string | undefined, got: string | undefined) => {
      if (want === undefined && got === undefined) return
      checks.push({ element, ok: normal(want) === normal(got), what: `${element}: 应为“${want ?? '（无）'}”，读出“${got ?? '（无）'}”` })
    }
    for (const name of OFFICIAL_FIELDS) field(name, joined(isoDate(expected[name] as string | Date | undefined) ?? expected[name]), joined(matter[name]))
    // The format shows in the text (a 函's number, a 令's mark); a 纪要 copied without its mark does not say it is one.
    if (expected.format) field('format', expected.format, matter.format ?? '文件')
    results.push({ item: `official/${id}`, checks })
  }
  return results
}

export async function measureCases(only?: string): Promise<Result[]> {
  const folder = join(CORPUS, 'cases')
  const results: Result[] = []
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    const project = basename(file, '.yaml')
    const { cases } = parse(readFileSync(join(folder, file), 'utf8')) as { cases: ExpectedCase[] }
    for (const [n, testCase] of cases.entries()) {
      const item = `cases/${project}#${n + 1} ${testCase.name}`
      if (only && !item.includes(only)) continue
      results.push({ item, checks: await compareCase(testCase, `case-${n + 1}`) })
    }
  }
  return results
}

/** Share of right checks per element kind, and overall. */
export function tally(results: Result[]): { element: string; right: number; total: number }[] {
  const rows = new Map<string, { right: number; total: number }>()
  for (const { checks } of results) {
    for (const check of checks) {
      for (const element of [check.element, '全部']) {
        const row = rows.get(element) ?? { right: 0, total: 0 }
        row.total++
        if (check.ok) row.right++
        rows.set(element, row)
      }
    }
  }
  return [...rows].map(([element, row]) => ({ element, ...row })).sort((x, y) => (x.element === '全部' ? 1 : y.element === '全部' ? -1 : x.element.localeCompare(y.element)))
}
