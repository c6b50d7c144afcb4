/**
 * remark plugin: lists and quotes nested deeper than a page can show. Each level indents the
 * text (two characters in the booklet's style), so past a few levels the line has no room left,
 * and hundreds of levels (a paste gone wrong) overflow the browser's own limits. The first node
 * past the limit is an error at its line; check reports it before any browser starts.
 */
import type { Root } from 'mdast'
import { visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'

/** Levels of lists and quotes together: an official outline has four. At seven, an A5 line is too narrow for Paged.js to break (it gives up). */
export const MAX_NESTING = 6

export default function remarkNestingDepth() {
  return (tree: Root, file: VFile) => {
    visitParents(tree, (node, ancestors) => {
      if (node.type !== 'list' && node.type !== 'blockquote') return
      const depth = ancestors.filter((a) => a.type === 'list' || a.type === 'blockquote').length + 1
      if (depth <= MAX_NESTING) return
      let deepest = depth
      visitParents(node, (inner, innerAncestors) => {
        if (inner.type === 'list' || inner.type === 'blockquote') deepest = Math.max(deepest, depth + innerAncestors.filter((a) => a.type === 'list' || a.type === 'blockquote').length)
      })
      const message = file.message(`列表和引用嵌套了 ${deepest} 层，最多 ${MAX_NESTING} 层：请检查这里的行首缩进和“>”号`, {
        place: node.position,
        source: SOURCE,
        ruleId: 'nesting',
      })
      message.fatal = true
      return 'skip'
    })
  }
}
