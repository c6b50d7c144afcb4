/**
 * Word files made the way offices make them, from a corpus document and what a reader wrote
 * down about it (issue 17): the same real text, with its headings (1) typed with their numbers
 * and set in bold — the usual case —, (2) numbered by Word's multi-level list (一、（一）1.（1）,
 * the number not in the text), or (3) given Word's heading styles (标题 1–4; a run-in heading,
 * which shares its paragraph with body text, stays typed in bold). Built with the
 * `docx` package, which writes the Office Open XML Word writes.
 */
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import { typedOrdinal } from '../../src/text/ordinals.ts'
import { ATTACHMENT_LABEL } from '../../src/text/document-lines.ts'
import type { ExpectedDocument } from './measure.ts'

export type OfficeStyle = 'bold' | 'numbering' | 'styles'
export const OFFICE_STYLES: OfficeStyle[] = ['bold', 'numbering', 'styles']

const squash = (text: string) => text.normalize('NFKC').replace(/[\s\u3000]/gu, '')
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4]
const FORMS = [
  { format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
  { format: LevelFormat.CHINESE_COUNTING, text: '（%2）' },
  { format: LevelFormat.DECIMAL, text: '%3.' },
  { format: LevelFormat.DECIMAL, text: '（%4）' },
]

/**
 * The Word file, or undefined when `style` cannot express the document: Word's list counts
 * 一、（一）1.（1） from 1 under each parent, so numbering that runs on across sections, 第一章
 * or headings without numbers among numbered ones stay out of the `numbering` style.
 */
export async function makeOfficeDocx(text: string, expected: ExpectedDocument, style: OfficeStyle): Promise<Buffer | undefined> {
  const lines = text.split(/\r?\n/u).map((line) => line.trim()).filter(Boolean)
  const headings = [...(expected.headings ?? [])]
  const title = squash(expected.title)
  const children: (Paragraph | Table)[] = []
  // Lines with tabs between their fields were a table: a Word table again.
  const rows: string[][] = []
  const flushTable = () => {
    if (rows.length) children.push(new Table({ rows: rows.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell.trim())] })) })) }))
    rows.length = 0
  }
  let titleSoFar = ''
  let instance = 0
  const counters = [0, 0, 0, 0]
  for (const [index, line] of lines.entries()) {
    if (line.includes('\t')) {
      rows.push(line.split('\t'))
      continue
    }
    flushTable()
    if (index === children.length && titleSoFar !== title && title.startsWith(titleSoFar + squash(line))) {
      titleSoFar += squash(line)
      children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, bold: true })], ...(style === 'styles' ? { heading: HeadingLevel.TITLE } : {}) }))
      continue
    }
    if (ATTACHMENT_LABEL.test(line)) {
      // An attachment is numbered afresh: a new list in Word.
      instance++
      counters.fill(0)
    }
    const next = headings[0]
    if (!next || !squash(line).startsWith(squash(next[1]))) {
      children.push(new Paragraph({ children: [new TextRun(line)] }))
      continue
    }
    headings.shift()
    const [level, heading] = next
    const head = line.slice(0, [...line].findIndex((_, k) => squash([...line].slice(0, k + 1).join('')) === squash(heading)) + 1)
    const body = line.slice(head.length)
    // A heading style is set on a whole paragraph: a run-in heading is typed in bold as usual.
    if (style === 'bold' || (style === 'styles' && body)) {
      children.push(new Paragraph({ children: [new TextRun({ text: head, bold: true }), ...(body ? [new TextRun(body)] : [])] }))
    } else if (style === 'styles' && !body) {
      children.push(new Paragraph({ heading: HEADINGS[level - 1], children: [new TextRun(head), ...(body ? [new TextRun(body)] : [])] }))
    } else {
      const typed = typedOrdinal(head)
      counters[level - 1]!++
      counters.fill(0, level)
      if (!typed || typed.unit || typed.level !== level || typed.value !== counters[level - 1]) return undefined
      children.push(
        new Paragraph({
          numbering: { reference: 'gongwen', level: level - 1, instance },
          children: [new TextRun({ text: head.slice(typed.text.length), bold: true }), ...(body ? [new TextRun(body)] : [])],
        }),
      )
    }
  }
  flushTable()
  if (headings.length) throw new Error(`${expected.title}：没有找到标题“${headings[0]![1]}”所在的行`)
  const document = new Document({
    numbering: { config: [{ reference: 'gongwen', levels: FORMS.map((form, level) => ({ level, ...form, alignment: AlignmentType.LEFT })) }] },
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
