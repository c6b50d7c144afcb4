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
  | { table: string[][] }
  | { image: Uint8Array }

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
      return new Table({ rows: block.table.map((row) => new TableRow({ children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })) })
    }
    return new Paragraph({ children: [new ImageRun({ type: 'png', data: block.image, transformation: { width: 10, height: 10 } })] })
  })
  const document = new Document({
    footnotes: Object.fromEntries(Object.entries(footnotes).map(([id, text]) => [id, { children: [new Paragraph(text)] }])),
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
