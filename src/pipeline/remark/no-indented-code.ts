/**
 * remark plugin: a line indented by four spaces or a tab is a paragraph, not a code block.
 * Chinese authors indent a paragraph's first line (首行缩进) by habit, and text pasted from
 * Word into a .md often keeps a tab or spaces in front: CommonMark would make that paragraph
 * an indented code block, set in a monospace font outside the body text. Nobody writes program
 * code into a study booklet by indenting it; fenced code (```) still works. The leading spaces
 * themselves are dropped by the parser as for any paragraph (PN-2 handles full-width ones).
 */
import type { Processor } from 'unified'

export default function remarkNoIndentedCode(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[] }
  ;(data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } })
}
