/**
 * remark plugin (issue 19): asterisks that mark items, not emphasis. A course list marks its
 * required modules with a star — *《语文》、*《数学》 — and Markdown pairs the first star with the
 * second: 《语文》、 came out in 楷体 and both stars were gone, so the note that explains the star
 * referred to nothing. An emphasis whose text ends in a list separator (、，；) is such a pair:
 * nobody emphasises up to a 顿号. It is put back as the characters typed.
 */
import type { Emphasis, Parent, PhrasingContent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

const SEPARATOR_END = /[、，；,;]$/u

export default function remarkAsteriskMarkers() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value)
    visit(tree, 'emphasis', (node: Emphasis, index, parent: Parent | undefined) => {
      if (index === undefined || !parent) return
      const start = node.position?.start.offset
      if (start === undefined || source[start] !== '*' || !SEPARATOR_END.test(toString(node))) return
      const star = (): PhrasingContent => ({ type: 'text', value: '*' })
      parent.children.splice(index, 1, star(), ...node.children, star())
      return index + node.children.length + 2
    })
  }
}
