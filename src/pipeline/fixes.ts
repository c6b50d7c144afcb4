/**
 * Changes the pipeline makes to the author's text, kept as edits on the source file so that
 * `booklet check --fix` can write them back without re-serialising (and so reformatting) the
 * Markdown. An edit is recorded only where the text node is a verbatim copy of its source.
 */
import type { Text } from 'mdast'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'

export interface SourceEdit {
  offset: number
  length: number
  replacement: string
  rule: string
}

declare module 'vfile' {
  interface DataMap {
    edits: SourceEdit[]
  }
}

/**
 * Records that `length` characters at `index` of `node.value` become `replacement`.
 * Only when the source up to the end of the change is the node's text verbatim (a split node
 * keeps its start; escapes or entities would shift offsets, so those are not written back).
 */
export function recordEdit(file: VFile, node: Text, index: number, length: number, replacement: string, rule: string): void {
  const start = node.position?.start.offset
  if (start === undefined) return
  const upTo = index + length
  if (String(file.value).slice(start, start + upTo) !== node.value.slice(0, upTo)) return
  ;(file.data.edits ??= []).push({ offset: start + index, length, replacement, rule })
}

/** Applies edits (non-overlapping) to the source text. */
export function applyEdits(source: string, edits: SourceEdit[]): string {
  let result = source
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.replacement + result.slice(edit.offset + edit.length)
  }
  return result
}

/** The source point `index` characters into a text node (its value must match its source). */
export function pointAt(node: { value: string; position?: Position | undefined }, index: number): Point | undefined {
  const start = node.position?.start
  if (!start) return undefined
  const lines = node.value.slice(0, index).split('\n')
  const offset = start.offset === undefined ? {} : { offset: start.offset + index }
  return lines.length === 1
    ? { line: start.line, column: start.column + index, ...offset }
    : { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1, ...offset }
}

/** The source point at `offset` of `source`. */
export function pointAtOffset(source: string, offset: number): Point {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1
  return { line: source.slice(0, lineStart).split('\n').length, column: offset - lineStart + 1, offset }
}

/** Characters `from`…`to` of a text node (mdast or hast) as a text node of their own, keeping their source position. */
export function sliceText<T extends { type: 'text'; value: string; position?: Position | undefined }>(node: T, from: number, to: number): T {
  const start = pointAt(node, from)
  const end = pointAt(node, to)
  return { type: 'text', value: node.value.slice(from, to), ...(start && end ? { position: { start, end } } : {}) } as T
}

/** Line and column (1-based) of a character of a text node, for messages. */
export function placeOf(_file: VFile, node: Text, index: number): Point | undefined {
  return pointAt(node, index)
}
