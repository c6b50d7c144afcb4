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
