/**
 * Builds real .docx files for the Word import tests with the `docx` library (the same Office
 * Open XML Word writes): heading styles, bold runs, footnotes, tables, images, or plain typed
 * paragraphs as most office documents are.
 */
import { Document, FootnoteReferenceRun, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'

export type DocxBlock =
  | string
  | { heading: 'title' | 1 | 2 | 3; text: string }
  | { runs: { text: string; bold?: boolean; footnote?: number }[] }
  | { table: DocxCell[][] }
  | { image: Uint8Array }

/** A cell's text, or its text with the rows and columns it spans (Word's merged cells). */
export type DocxCell = string | { text: string; rowSpan?: number; columnSpan?: number }

const HEADINGS = { title: HeadingLevel.TITLE, 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const

export async function makeDocx(blocks: DocxBlock[], footnotes: Record<number, string> = {}): Promise<Buffer> {
  const children = blocks.map((block) => {
    if (typeof block === 'string') return new Paragraph({ children: [new TextRun(block)] })
    if ('heading' in block) return new Paragraph({ text: block.text, heading: HEADINGS[block.heading] })
    if ('runs' in block) {
      return new Paragraph({
        children: block.runs.flatMap((run) => [new TextRun({ text: run.text, bold: run.bold ?? false }), ...(run.footnote ? [new FootnoteReferenceRun(run.footnote)] : [])]),
      })
    }
    if ('table' in block) {
      const cellOf = (cell: DocxCell) =>
        typeof cell === 'string' ? new TableCell({ children: [new Paragraph(cell)] }) : new TableCell({ children: cell.text.split('\n').map((line) => new Paragraph(line)), rowSpan: cell.rowSpan ?? 1, columnSpan: cell.columnSpan ?? 1 })
      return new Table({ rows: block.table.map((row) => new TableRow({ children: row.map(cellOf) })) })
    }
    return new Paragraph({ children: [new ImageRun({ type: 'png', data: block.image, transformation: { width: 10, height: 10 } })] })
  })
  const document = new Document({
    footnotes: Object.fromEntries(Object.entries(footnotes).map(([id, text]) => [id, { children: [new Paragraph(text)] }])),
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
