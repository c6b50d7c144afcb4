/**
 * remark plugin: run-in headings (EL-17). A level-2…4 heading that is a sentence ending in
 * 。？！ (or a short label ending in ：) and goes on with body text — `#### 1.夯实基础。要……` —
 * keeps the sentence as the heading and the rest as body text in the same paragraph. A level-1
 * heading runs in only as a label: `## 一、元旦：1月1日放假……` (a notice's items, issue 17). The body part becomes a paragraph marked
 * `run-in-body` right after the heading; the stylesheet sets both on one line.
 */
import type { Paragraph, PhrasingContent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import { runInHeadLength } from '../../text/document-lines.ts'
import { typedOrdinal } from '../../text/ordinals.ts'


export default function remarkRunInHeadings() {
  return (tree: Root, file: VFile) => {
    for (let i = 0; i < tree.children.length; i++) {
      const node = tree.children[i]!
      if (node.type !== 'heading' || node.depth < 2) continue
      const split = splitAfterFirstSentence(node.children)
      if (!split) continue
      // A level-1 heading stands on its own line (EL-2), unless it is a label (一、元旦：1月1日放假……).
      if (node.depth === 2 && !/[：:]$/u.test(toString({ type: 'paragraph', children: split.head }).trim())) continue
      node.children = split.head
      node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), className: ['run-in'] } }
      const body: Paragraph = {
        type: 'paragraph',
        children: split.rest,
        data: { hProperties: { className: ['run-in-body'] } },
        // It is the rest of the heading's line: messages about its text (FN-5) name that line.
        ...(node.position ? { position: node.position } : {}),
      }
      tree.children.splice(i + 1, 0, body)
      // A report of what was done, not a problem: info, not warning.
      file.message('标题后接正文，排为接排标题（标题与正文同段）', { place: node.position, source: SOURCE, ruleId: 'EL-17' }).fatal = undefined
    }
  }
}

/**
 * Splits top-level phrasing content where the run-in heading ends (after its first sentence, or
 * after a short label ending in “：”, counted past its number), if text follows it.
 */
function splitAfterFirstSentence(children: PhrasingContent[]) {
  const first = children[0]
  const skip = first?.type === 'text' ? (typedOrdinal(first.value)?.text.length ?? 0) : 0
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    if (child.type !== 'text') continue
    const from = i === 0 ? skip : 0
    const length = runInHeadLength(child.value.slice(from))
    // Only within this text node: a sentence end in it with nothing after it still splits when other nodes follow.
    const sentence = /[。？！]/u.exec(child.value.slice(from))
    const cut = length !== undefined ? from + length : sentence && i < children.length - 1 ? from + sentence.index + 1 : undefined
    if (cut === undefined) continue
    const before = child.value.slice(0, cut)
    const after = child.value.slice(cut).replace(/^\s+/, '')
    const rest: PhrasingContent[] = [...(after ? [{ type: 'text' as const, value: after }] : []), ...children.slice(i + 1)]
    if (rest.length === 0) return undefined
    return { head: [...children.slice(0, i), { ...child, value: before }], rest }
  }
  return undefined
}
