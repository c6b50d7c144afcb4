import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** One problem or change found in a manuscript, as the report carries it. */
export interface Diagnostic {
  file: string
  line?: number
  column?: number
  message: string
  rule?: string
  severity: 'error' | 'warning' | 'info'
}

/** The `source` of every vfile message this project emits. */
export const SOURCE = 'booklet'
/** Messages of an importer: their lines are already lines of the imported source file. */
export const IMPORT_SOURCE = 'booklet-import'

export function severityOf(message: VFileMessage): Diagnostic['severity'] {
  if (message.fatal === true) return 'error'
  if (message.fatal === false) return 'warning'
  return 'info'
}

/** A file's messages in reading order (lines, then columns; messages about the whole file first), as plugins emit them per rule. */
export function toDiagnostics(file: VFile, displayPath: string): Diagnostic[] {
  const diagnostics = file.messages.map((m) =>
    diagnosticAt(file, displayPath, { line: m.line, column: m.column, fromImporter: m.source === IMPORT_SOURCE }, {
      message: m.reason,
      ...(m.ruleId ? { rule: m.ruleId } : {}),
      severity: severityOf(m),
    }),
  )
  // Stable: messages at the same place keep the order their plugins gave them.
  return diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

export interface TextPlace {
  line?: number | undefined
  column?: number | undefined
  /** The place is already one of the imported source file's lines (the importer's own notes). */
  fromImporter?: boolean
}

/** A diagnostic at a place in the text the pipeline read (`file.value`), pointed into the author's file. */
export function diagnosticAt(file: VFile, displayPath: string, at: TextPlace, what: Omit<Diagnostic, 'file' | 'line' | 'column'>): Diagnostic {
  const lineMap = file.data.imported?.lineMap
  // In an imported .txt/.docx the pipeline sees generated Markdown: its lines are mapped back
  // to the source's lines; columns are not (escapes and dropped indents move them).
  const mapped = lineMap && !at.fromImporter
  const place = mapped ? (at.line ? lineMap[at.line - 1] : undefined) : at.line
  // A Word file has paragraphs, not lines: the place goes into the message.
  const line = typeof place === 'number' ? place : undefined
  return {
    file: displayPath,
    ...(line ? { line } : {}),
    ...(at.column && !mapped ? { column: at.column } : {}),
    ...what,
    message: typeof place === 'string' ? `${place}：${what.message}` : what.message,
  }
}

/** `file:line:col  message  [rule]` — the format editors and `booklet check` use. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.line ? d.column : undefined].filter((x) => x !== undefined).join(':')
  const label = d.severity === 'error' ? '错误' : d.severity === 'warning' ? '警告' : '提示'
  return `${where}  ${label}：${d.message}${d.rule ? `  [${d.rule}]` : ''}`
}
