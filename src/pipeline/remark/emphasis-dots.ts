/**
 * remark plugin: 着重号 (LC-15, GB/T 15834 4.12) from a markup of its own, `==要点==`, so that
 * `**…**` (黑体) and `*…*` (楷体) keep their meaning. The text becomes `<em class="zd">`, which the
 * stylesheet sets upright with dots under each character.
 */
import type { Emphasis, PhrasingContent, Root, Text } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'

const MARKED = /==([^=\n]+?)==/gu

export default function remarkEmphasisDots() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('==')) return
      const parts: PhrasingContent[] = []
      let last = 0
      for (const match of node.value.matchAll(MARKED)) {
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) })
        const dots: Emphasis = {
          type: 'emphasis',
          children: [{ type: 'text', value: match[1]! }],
          data: { hProperties: { className: ['zd'] } },
        }
        parts.push(dots)
        last = match.index + match[0].length
      }
      if (parts.length === 0) return
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) })
      parent.children.splice(index, 1, ...parts)
      return [SKIP, index + parts.length]
    })
  }
}
