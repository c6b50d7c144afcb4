/**
 * remark plugin: reads the YAML front matter of an article into `file.data.matter`.
 * YAML is read as data only (no JavaScript engine); every problem is a fatal message with the
 * line in the manuscript, so the build stops before anything is written.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { ArticleMatterSchema } from '../../config/schema.ts'
import { parseYamlData } from '../../config/yaml-data.ts'
import { SOURCE } from '../../diagnostics.ts'

export default function remarkArticleMatter() {
  return (tree: Root, file: VFile) => {
    const node = tree.children[0]
    file.data.matter = {}
    if (node?.type === 'thematicBreak' && node.position?.start.line === 1) {
      const last = unclosedMatterEnd(String(file.value))
      if (last === undefined) return
      // Not body text: the lines would be printed, and `title:` "corrected" to `title：`.
      while ((tree.children[0]?.position?.start.line ?? Infinity) <= last) tree.children.shift()
      const message = file.message(
        `前置信息（文件开头 --- 之间）从第 1 行开始，但没有结束的 --- 行：请在第 ${last} 行后面加一行 ---；如果第 1 行的 --- 是分隔线，请在它下面空一行`,
        { place: { line: 1, column: 1 }, source: SOURCE, ruleId: 'front-matter' },
      )
      message.fatal = true
      return
    }
    if (!node || node.type !== 'yaml') return
    tree.children.shift()
    // The YAML text starts on the line after the opening `---`.
    const firstLine = (node.position?.start.line ?? 1) + 1
    const result = parseYamlData(node.value, ArticleMatterSchema, firstLine - 1)
    if (result.ok) {
      file.data.matter = result.value
      return
    }
    for (const problem of result.problems) {
      const message = file.message(`前置信息（文件开头 --- 之间）有误：${problem.message}`, {
        place: problem.line ? { line: problem.line, column: problem.column ?? 1 } : node.position,
        source: SOURCE,
        ruleId: 'front-matter',
      })
      message.fatal = true
    }
  }
}

/** `key: value` with a name as front matter has it (`title`, `speaker` …), or a list item. */
const KEY_LINE = /^[A-Za-z][\w-]*[ \t]*:(?:[ \t]|$)/u
const CONTINUATION = /^(?:[ \t]+\S|-[ \t])/u

/**
 * A file that opens with `---` and then `key: value` lines but never closes them with `---`:
 * Markdown reads a thematic break and a paragraph. When the lines up to the first blank line
 * (at least one, the first a key line) all look like YAML, it is front matter left open; the
 * last of those lines is returned. A real break followed by ordinary paragraphs is left alone.
 */
export function unclosedMatterEnd(text: string): number | undefined {
  const lines = text.split(/\r?\n|\r/u)
  if (!/^---[ \t]*$/u.test(lines[0] ?? '') || !KEY_LINE.test(lines[1] ?? '')) return undefined
  // `lines[i]` is line i + 1; line 2 is a key line.
  let end = 2
  for (const line of lines.slice(2)) {
    if (line.trim() === '') break
    if (!KEY_LINE.test(line) && !CONTINUATION.test(line)) return undefined
    end++
  }
  return end
}
