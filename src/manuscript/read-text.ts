/**
 * Reads a manuscript file as text. Only UTF-8 (with or without BOM) is accepted here;
 * anything else gets a message that names the file and says what to do.
 */
import { readFile } from 'node:fs/promises'
import { BookletError } from '../errors.ts'
import { recogniseFormat } from './file-format.ts'

/** The file's bytes, or a message that says why they cannot be read. */
export async function readFileBytes(path: string, displayPath: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : '无法读取'
    throw new BookletError(`${displayPath}：${why}`, { file: displayPath, cause })
  }
}

export async function readManuscriptText(path: string, displayPath: string): Promise<string> {
  const bytes = await readFileBytes(path, displayPath)
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') {
    throw new BookletError(`${displayPath}：文件是空的`, { file: displayPath, hint: '请在文件中写入文章内容后再生成。' })
  }
  refuseKnownFormat(bytes, displayPath, '这不是文本文件')
  if (bytes.includes(0)) {
    throw new BookletError(`${displayPath}：这不是文本文件（含有二进制数据）`, {
      file: displayPath,
      hint: '稿件应为 Markdown 或纯文本文件；Word 文档请另存为 .docx 或复制文字到 .md 文件中。',
    })
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch (cause) {
    throw new BookletError(`${displayPath}：文件不是 UTF-8 编码`, {
      file: displayPath,
      hint: '请用记事本或编辑器“另存为”UTF-8 编码后再试。',
      cause,
    })
  }
}

/** A Word document, PDF or picture where text was expected: named, with what to do. */
export function refuseKnownFormat(bytes: Buffer, displayPath: string, notWhat: string, except?: string): void {
  const format = recogniseFormat(bytes)
  if (!format || (except && format.extension === except)) return
  const space = /^[A-Za-z]/.test(format.name) ? ' ' : ''
  throw new BookletError(`${displayPath}：${notWhat}，而是${space}${format.name}`, { file: displayPath, hint: `${format.advice}。` })
}
