/**
 * remark plugin: TP-1 punctuation and number normalisation (typography.md §5, §6) on every
 * piece of running text — never in code, URLs or link targets. Each change is reported to the
 * author (file:line:col, rule id) and kept as a source edit for `booklet check --fix`;
 * report-only findings (unbalanced quotes, PN-21, ……等) are warnings.
 */
import type { Root, Text } from 'mdast'
import { visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import { lintPunctuation, normalizePunctuation } from '../../text/punctuation.ts'
import { typedOrdinal } from '../../text/ordinals.ts'
import { applyEdits, placeOf, recordEdit } from '../fixes.ts'

export interface Options {
  latinSpacing?: boolean
}

const SKIP_PARENTS = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'yaml'])

export default function remarkPunctuation(options: Readonly<Options> = {}) {
  return (tree: Root, file: VFile) => {
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((a) => SKIP_PARENTS.has(a.type))) return
      const original = node.value
      for (const lint of lintPunctuation(original)) {
        const place = placeOf(file, node, lint.offset)
        const message = file.message(lint.message, { ...(place ? { place } : {}), source: SOURCE, ruleId: lint.rule })
        message.fatal = false
      }
      const result = normalizePunctuation(original, { latinSpacing: options.latinSpacing ?? false })
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
