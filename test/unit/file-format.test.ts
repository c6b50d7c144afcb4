/** Files that are not manuscripts are named by their first bytes (issue 7). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { recogniseFormat } from '../../src/manuscript/file-format.ts'
import { makeDocx } from '../helpers/make-docx.ts'
import { makePng } from '../helpers/make-png.ts'

/** The start of a ZIP archive whose first entry is `name` (a local file header, then the name). */
function zipStartingWith(name: string): Buffer {
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(name.length, 26)
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.alloc(64)])
}

/** The OLE container of Office 97–2003 with a directory entry of the given stream name. */
function oleWith(stream: string): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)])
}

describe('recogniseFormat', () => {
  it('names a Word document and says to give it back its .docx extension', async () => {
    const format = recogniseFormat(await makeDocx(['讲话', '正文。']))
    expect(format).toEqual({ name: 'Word 文档（.docx）', extension: '.docx', advice: expect.stringContaining('扩展名改回 .docx') })
  })

  it('names a PDF, pictures and old Word/WPS documents, each with what to do', async () => {
    const pdf = Buffer.from(await (await PDFDocument.create()).save())
    expect(recogniseFormat(pdf)?.name).toBe('PDF 文件')
    expect(recogniseFormat(makePng(4, 4))?.name).toBe('PNG 图片')
    expect(recogniseFormat(readFileSync(join(import.meta.dirname, '../fixtures/images/page.jpg')))?.name).toBe('JPEG 图片')
    expect(recogniseFormat(oleWith('WordDocument'))).toEqual({ name: '旧版 Word 或 WPS 文档（.doc/.wps）', advice: expect.stringContaining('另存为”.docx') })
    expect(recogniseFormat(oleWith('Workbook'))?.name).toBe('旧版 Office 文件（如 .xls、.ppt）')
    expect(recogniseFormat(Buffer.from('{\\rtf1\\ansi 讲话}'))?.name).toBe('RTF 文档')
  })

  it('tells the Office Open XML kinds apart by the names of their parts', () => {
    expect(recogniseFormat(zipStartingWith('xl/workbook.xml'))?.name).toBe('Excel 表格（.xlsx）')
    expect(recogniseFormat(zipStartingWith('ppt/presentation.xml'))?.name).toBe('PowerPoint 演示文稿（.pptx）')
    expect(recogniseFormat(zipStartingWith('mimetypeapplication/vnd.oasis.opendocument.text'))?.name).toBe('OpenDocument 文档（.odt）')
    expect(recogniseFormat(zipStartingWith('稿件/a.md'))?.name).toBe('ZIP 压缩包')
  })

  it('leaves text and unknown bytes alone', () => {
    expect(recogniseFormat(Buffer.from('# 讲话\n\n正文。\n'))).toBeUndefined()
    expect(recogniseFormat(Buffer.from('PK 是一个缩写\n'))).toBeUndefined()
    expect(recogniseFormat(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeUndefined()
  })
})
