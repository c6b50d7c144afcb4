/**
 * Plain text → manuscript Markdown (issue 4, first part). Works from the structure a person
 * sees: the first line is the title, lines with ordinals (一、 （一） 1. （1）) are headings, and
 * short lines without sentence-final punctuation among the paragraphs are taken as headings of
 * the level their numbered siblings have. Every such guess is reported with its source line.
 * Pure: text in, Markdown and diagnostics out.
 */
import { typedOrdinal } from '../text/ordinals.ts'

export interface ImportNote {
  line: number
  message: string
  rule: string
}

export interface ImportResult {
  markdown: string
  title: string
  notes: ImportNote[]
}

/** Ends of sentences and clauses: a line ending in one of these is body text, not a heading. */
const ENDS_LIKE_BODY = /[。！？；：，、…”’）)．.!?;:,]$/u
const MAX_HEADING = 40

/** UTF-8 (with or without BOM), else GB18030/GBK; undefined if neither fits. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | undefined {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
    } catch {
      return undefined
    }
  }
}

interface SourceLine {
  line: number
  text: string
}

export function importPlainText(text: string): ImportResult {
  const notes: ImportNote[] = []
  const lines: SourceLine[] = text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') }))
    .filter((l) => l.text !== '')
  const first = lines.shift()
  if (!first) return { markdown: '', title: '', notes: [{ line: 1, message: '文件中没有文字', rule: 'import' }] }
  const title = first.text
  notes.push({ line: first.line, message: `第 ${first.line} 行当作标题：${title}`, rule: 'import-title' })

  const numberedLevels = lines.map((l) => typedOrdinal(l.text)).filter((o) => o !== undefined).map((o) => o.level)
  const topLevel = numberedLevels.length ? Math.min(...numberedLevels) : 1
  const blocks: string[] = []
  for (const { line, text: content } of lines) {
    const ordinal = typedOrdinal(content)
    const short = [...content].length <= MAX_HEADING && !ENDS_LIKE_BODY.test(content)
    if (ordinal && (short || /[。！？]/u.test(content))) {
      // A numbered line: its own heading, or a run-in heading when body text follows (EL-17).
      blocks.push(`${'#'.repeat(ordinal.level + 1)} ${content}`)
    } else if (short) {
      blocks.push(`${'#'.repeat(topLevel + 1)} ${content}`)
      notes.push({ line, message: `第 ${line} 行没有编号，但像标题（短、无句末标点），当作${['一', '二', '三', '四'][topLevel - 1]}级标题：${content}`, rule: 'import-heading' })
    } else {
      blocks.push(escapeMarkdown(content))
    }
  }
  const markdown = `---\ntitle: ${JSON.stringify(title)}\n---\n\n${blocks.join('\n\n')}\n`
  return { markdown, title, notes }
}

/** Text that Markdown would read as markup stays text. */
function escapeMarkdown(line: string): string {
  return line.replace(/^([#>*+-]|\d+\.)(?=\s)/u, '\\$1').replace(/([*_`[\]<])/g, '\\$1')
}
