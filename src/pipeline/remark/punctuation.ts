/**
 * remark plugin: TP-1 punctuation and number normalisation (typography.md §5, §6) on every
 * piece of running text — never in code, URLs or link targets. Each change is reported to the
 * author (file:line:col, rule id) and kept as a source edit for `booklet check --fix`;
 * report-only findings (unbalanced quotes, PN-21, ……等) are warnings.
 */
import type { Nodes, Parent, Root, Text } from 'mdast'
import { visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { isSigner } from '../../text/document-lines.ts'
import { SOURCE } from '../../diagnostics.ts'
import { lintPunctuation, normalizePunctuation, quoteStatesAt, type NormalizeOptions, type OpenQuotes, type PunctuationLint } from '../../text/punctuation.ts'
import { typedOrdinal } from '../../text/ordinals.ts'
import { applyEdits, placeOf, recordEdit } from '../fixes.ts'

export interface Options {
  latinSpacing?: boolean
}

/** Nodes whose text is the author's verbatim (a link's target text, code, HTML, YAML): never rewritten. */
export const SKIP_PARENTS = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'yaml'])
/** Inline nodes whose children continue the text of their paragraph (or heading, table cell …). */
const INLINE_PARENTS = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference'])
/** Stands for an inline node without text (image, break, raw HTML …): neither Chinese nor Latin. */
const OBJECT = '\uFFFC'

/**
 * The original text of a block's inline content, and where each text node starts in it; `marks` is the
 * same text with inline code blanked out, for the quotes and brackets that pair across inline nodes.
 */
interface BlockText {
  text: string
  marks: string
  starts: Map<Text, number>
  /** The quotes open where each text node starts (PN-6 across inline nodes), read once. */
  open?: Map<Text, OpenQuotes>
  /** The block is a signature line (its spaces part names): nothing to mend. */
  signer?: boolean
}
function blockText(block: Parent): BlockText {
  const starts = new Map<Text, number>()
  let [text, marks] = ['', '']
  const walk = (node: Nodes): void => {
    if (node.type === 'text') { starts.set(node, text.length); text += node.value; marks += node.value }
    else if (node.type === 'inlineCode') { text += node.value; marks += OBJECT.repeat(node.value.length) }
    else if (INLINE_PARENTS.has(node.type) && 'children' in node) node.children.forEach(walk)
    else { text += OBJECT; marks += OBJECT }
  }
  block.children.forEach((child) => walk(child as Nodes))
  return { text, marks, starts }
}

/** How much of the paragraph around a text node the rules see: more than any web address or word. */
const CONTEXT = 2000

function openAtStarts(known: BlockText): Map<Text, OpenQuotes> {
  const nodes = [...known.starts].sort((a, b) => a[1] - b[1])
  const states = quoteStatesAt(known.marks, nodes.map(([, start]) => start))
  return new Map(nodes.map(([node], i) => [node, states[i]!]))
}

/** The lints (sorted by offset, as lintPunctuation gives them) in [start, end), found by halving. */
function lintsIn(lints: PunctuationLint[], start: number, end: number): PunctuationLint[] {
  let [low, high] = [0, lints.length]
  while (low < high) {
    const middle = (low + high) >> 1
    if (lints[middle]!.offset < start) low = middle + 1
    else high = middle
  }
  const found: PunctuationLint[] = []
  for (let i = low; i < lints.length && lints[i]!.offset < end; i++) found.push(lints[i]!)
  return found
}

/** The block's lints (QA-2 quotes that close after a link or emphasis are paired), read once per block. */
const blockLints = new WeakMap<BlockText, PunctuationLint[]>()
const lintsOf = (known: BlockText): PunctuationLint[] =>
  blockLints.get(known) ?? blockLints.set(known, lintPunctuation(known.marks).sort((a, b) => a.offset - b.offset)).get(known)!

export default function remarkPunctuation(options: Readonly<Options> = {}) {
  return (tree: Root, file: VFile) => {
    // Read once per block, before any of its text nodes change: the context PN-2 needs at a node's edges.
    const blocks = new WeakMap<Parent, BlockText>()
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((a) => SKIP_PARENTS.has(a.type))) return
      const block = ancestors.findLast((a) => !INLINE_PARENTS.has(a.type))
      const original = node.value
      let context: Pick<NormalizeOptions, 'before' | 'after' | 'open'> = {}
      let lints = lintPunctuation(original)
      if (block && 'children' in block) {
        const known = blocks.get(block) ?? blocks.set(block, blockText(block)).get(block)!
        // 总理　李强 · 中共××县委　××县人民政府: the spaces of a signature line part its names (GB/T 9704 7.3.5); it has no punctuation to mend.
        known.signer ??= block.type === 'paragraph' && /\S[\s\u3000]+\S/u.test(known.text.trim()) && isSigner(known.text.trim())
        if (known.signer) return
        const start = known.starts.get(node)
        if (start !== undefined) {
          const end = start + original.length
          known.open ??= openAtStarts(known)
          // The text around the node, as far as any rule looks (a web address before it, the next word): a
          // window, not the whole paragraph, for each of its thousands of nodes (issue 20).
          context = { before: known.text.slice(Math.max(0, start - CONTEXT), start), after: known.text.slice(end, end + CONTEXT), open: known.open.get(node)! }
          lints = lintsIn(lintsOf(known), start, end).map((l) => ({ ...l, offset: l.offset - start }))
        }
      }
      for (const lint of lints) {
        const place = placeOf(file, node, lint.offset)
        const message = file.message(lint.message, { ...(place ? { place } : {}), source: SOURCE, ruleId: lint.rule })
        message.fatal = false
      }
      const result = normalizePunctuation(original, { latinSpacing: options.latinSpacing ?? false, ...context })
      // A heading's own ordinal is the numbering plugin's business (EL-18), not PN-14's.
      const parent = ancestors[ancestors.length - 1]
      const headingStart = parent?.type === 'heading' && parent.children[0] === node
      const ordinal = headingStart ? (typedOrdinal(original)?.text.length ?? 0) : 0
      const changes = result.changes.filter((c) => !(c.offset < ordinal && c.rule.includes('PN-14')))
      if (changes.length === 0) return
      const text = changes.length === result.changes.length ? result.text : applyChanges(original, changes)
      for (const change of changes) {
        const place = placeOf(file, node, change.offset)
        const message = file.message(change.message, { ...(place ? { place } : {}), source: SOURCE, ruleId: change.rule })
        message.fatal = undefined // a change made, for review: 提示, not a warning
        recordEdit(file, node, change.offset, change.length, change.to, change.rule)
      }
      node.value = text
    })
  }
}

function applyChanges(text: string, changes: { offset: number; length: number; to: string; rule: string }[]): string {
  return applyEdits(text, changes.map((c) => ({ offset: c.offset, length: c.length, replacement: c.to, rule: c.rule })))
}
