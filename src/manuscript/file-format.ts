/**
 * What a file that is not a manuscript really is, from its first bytes: a Word document renamed
 * to .md, a PDF, a picture, an old .doc. "Not a text file" leaves the author guessing; naming
 * the format says what to do. A few magic numbers, no library: only the formats people mistake
 * for manuscripts are named.
 */

export interface KnownFormat {
  /** In Chinese, for messages: “Word 文档（.docx）”. */
  name: string
  /** The extension the file should have, when booklet can read it under that name. */
  extension?: string
  /** What to do, in Chinese. */
  advice: string
}

export const SAVE_AS_DOCX = '请在 Word 或 WPS 中打开，“另存为”.docx 后再试'
export const INSTEAD_OF_PDF = '请用原来的 Word/WPS 文件（“另存为”.docx），或把文字复制到 .txt 稿件中'
const COPY_TEXT = 'booklet 不能读取这种文件，请把文字复制到 .md 或 .txt 稿件中'
const PICTURE = '图片请放在稿件文件夹里，在文章中用 ![说明](图片文件名) 引用'

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b)

export function recogniseFormat(bytes: Buffer): KnownFormat | undefined {
  const head = bytes.subarray(0, 8).toString('latin1')
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return zipFormat(bytes)
  if (head.startsWith('%PDF')) return { name: 'PDF 文件', advice: `booklet 不能读取 PDF，${INSTEAD_OF_PDF}` }
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    // The OLE container of Office 97–2003 (and of WPS files); a Word document holds a stream named WordDocument.
    const word = bytes.includes(Buffer.from('WordDocument', 'utf16le'))
    return word ? { name: '旧版 Word 或 WPS 文档（.doc/.wps）', advice: SAVE_AS_DOCX } : { name: '旧版 Office 文件（如 .xls、.ppt）', advice: COPY_TEXT }
  }
  if (head.startsWith('{\\rtf')) return { name: 'RTF 文档', advice: SAVE_AS_DOCX }
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return { name: 'PNG 图片', advice: PICTURE }
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return { name: 'JPEG 图片', advice: PICTURE }
  if (head.startsWith('GIF8')) return { name: 'GIF 图片', advice: PICTURE }
  return undefined
}

/**
 * Office Open XML and OpenDocument files are ZIP archives; the names of their parts, stored
 * uncompressed in each entry's header, say which kind it is.
 */
function zipFormat(bytes: Buffer): KnownFormat {
  const has = (name: string) => bytes.includes(name, 0, 'latin1')
  if (has('word/')) return { name: 'Word 文档（.docx）', extension: '.docx', advice: '请把扩展名改回 .docx，booklet 可以直接读取 Word 文档' }
  if (has('xl/')) return { name: 'Excel 表格（.xlsx）', advice: COPY_TEXT }
  if (has('ppt/')) return { name: 'PowerPoint 演示文稿（.pptx）', advice: COPY_TEXT }
  if (has('application/vnd.oasis.opendocument.text')) return { name: 'OpenDocument 文档（.odt）', advice: SAVE_AS_DOCX }
  return { name: 'ZIP 压缩包', advice: '请先解压，再使用其中的稿件文件' }
}
