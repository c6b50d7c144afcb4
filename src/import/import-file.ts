/**
 * The disk edge of the importers: reads a `.txt` or `.docx` file and runs the pure import on it.
 * Unreadable, empty, binary and badly encoded files get a Chinese message naming the file.
 */
import { basename, extname } from 'node:path'
import { BookletError } from '../errors.ts'
import { readFileBytes, readManuscriptText, refuseKnownFormat } from '../manuscript/read-text.ts'
import { importMarkdownText, needsStructure } from './markdown-text.ts'
import { decodeText, importPlainText, looksLikeShiftJis } from './plain-text.ts'
import type { ImportResult } from './source-blocks.ts'
import { structureToMarkdown } from './structure.ts'

export const IMPORTABLE = ['.txt', '.docx'] as const

export function isImportable(path: string): boolean {
  return (IMPORTABLE as readonly string[]).includes(extname(path).toLowerCase())
}

export async function importFile(path: string, shown: string): Promise<ImportResult> {
  const bytes = await readFileBytes(path, shown)
  // The title when the text has none: the file's name, as the author named the speech.
  const name = basename(path, extname(path))
  const result = extname(path).toLowerCase() === '.docx' ? await importDocx(bytes, shown, name) : importText(bytes, shown, name)
  if (!result.matter.title && result.markdown.trim() === '') throw new BookletError(`${shown}：文件中没有文字`, { file: shown })
  return result
}

function importText(bytes: Buffer, shown: string, name: string): ImportResult {
  if (bytes.toString('latin1').trim() === '') throw new BookletError(`${shown}：文件是空的`, { file: shown, hint: '请把讲话稿的文字粘贴进去后再试。' })
  refuseKnownFormat(bytes, shown, '这不是文本文件')
  const decoded = decodeText(bytes)
  if (!decoded) {
    // Shift_JIS read as GBK is garbled Chinese; saying what it looks like helps the user.
    const why = looksLikeShiftJis(bytes) ? '看起来是日文 Shift_JIS 编码' : '既不是 UTF-8，也不是 GBK/GB18030'
    throw new BookletError(`${shown}：无法识别的文字编码，或不是文本文件（${why}）`, {
      file: shown,
      hint: '请用记事本打开，“另存为”时编码选 UTF-8 后再试。',
    })
  }
  return importPlainText(decoded.text, name)
}

/** A .md speech without # headings (issue 17): structured as a text, its Markdown kept. */
export async function importMarkdownFile(path: string, shown: string): Promise<ImportResult> {
  const text = await readManuscriptText(path, shown)
  if (!needsStructure(text)) {
    throw new BookletError(`${shown}：这个 .md 稿件已经用 # 标出了标题（或没有“一、”“（一）”这样的编号），不需要导入`, { file: shown, hint: '直接 booklet build 即可。' })
  }
  return importMarkdownText(text, basename(path, extname(path)))
}

async function importDocx(bytes: Buffer, shown: string, name: string): Promise<ImportResult> {
  // A .docx is a zip archive; anything else (an old .doc or a PDF renamed, a damaged file) is refused plainly.
  refuseKnownFormat(bytes, shown, '不是 .docx 文件', '.docx')
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') {
    throw new BookletError(`${shown}：不是 Word 2007 及以后的 .docx 文件（可能是旧版 .doc 或文件已损坏）`, {
      file: shown,
      hint: '请在 Word 或 WPS 中打开，“另存为”.docx 格式后再试。',
    })
  }
  // mammoth is loaded only for Word files.
  const { docxToBlocks } = await import('./docx.ts')
  let read: Awaited<ReturnType<typeof docxToBlocks>>
  try {
    read = await docxToBlocks(bytes)
  } catch (cause) {
    throw new BookletError(`${shown}：无法读取这个 Word 文件（文件可能已损坏）`, { file: shown, hint: '请在 Word 或 WPS 中打开并重新保存为 .docx 后再试。', cause })
  }
  if (read.blocks.length === 0) throw new BookletError(`${shown}：Word 文件中没有文字`, { file: shown })
  const result = structureToMarkdown(read.blocks, name)
  const paragraph = (message: string) => Number(/^第 (\d+) 段/u.exec(message)?.[1] ?? 0)
  // In paragraph order, as a reader goes through the document.
  return { ...result, notes: [...read.notes, ...result.notes.sort((a, b) => paragraph(a.message) - paragraph(b.message))] }
}
