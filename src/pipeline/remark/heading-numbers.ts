/**
 * remark plugin: official heading numbering (EL-2 … EL-5, EL-18, DT-4).
 * `##`…`#####` are numbered 一、 （一） 1. （1）, restarting under each parent. Numbers are real
 * text, so they are searchable and appear in the TOC and bookmarks. Ordinals the author typed
 * are recognised and replaced, so missing, duplicated or inconsistent numbers come out right;
 * every change is reported. Modes: `auto` (default), `keep` (leave headings as typed), `none`
 * (remove typed numbers).
 */
import type { Heading, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import { formatOrdinal, typedOrdinal } from '../../text/ordinals.ts'
import { recordEdit } from '../fixes.ts'

export type NumberingMode = 'auto' | 'keep' | 'none'

export interface Options {
  numbering?: NumberingMode
}

const LEVEL_NAMES = ['一级', '二级', '三级', '四级']

export default function remarkHeadingNumbers(options: Readonly<Options> = {}) {
  const mode = options.numbering ?? 'auto'
  return (tree: Root, file: VFile) => {
    const counters = [0, 0, 0, 0]
    let previousLevel = 0
    // The ordinals numbered body paragraphs show since the last heading, by level.
    let shown: (number | undefined)[] = []
    for (const node of tree.children) {
      if (node.type === 'paragraph') {
        const typed = typedOrdinal(toString(node))
        if (typed) shown[typed.level - 1] = typed.value
        continue
      }
      if (node.type !== 'heading' || node.depth < 2) continue
      const level = Math.min(node.depth - 1, 4)
      if (level > previousLevel + 1) {
        file.message(`标题层级跳过：${LEVEL_NAMES[previousLevel - 1] ?? '正文'}之后直接是${LEVEL_NAMES[level - 1]}标题`, {
          place: node.position,
          source: SOURCE,
          ruleId: 'DT-4',
        })
      }
      previousLevel = level
      const next = counters[level - 1]! + 1
      counters[level - 1] = continuesShownNumber(node, level, next, shown[level - 1]) ?? next
      counters.fill(0, level)
      shown = []
      if (level === 1 && /。$/.test(toString(node).trim())) {
        file.message('一级标题末尾一般不用句号', { place: node.position, source: SOURCE, ruleId: 'EL-2' })
      }
      if (mode !== 'keep') renumber(node, level, counters[level - 1]!, mode, file)
    }
  }
}

/**
 * A numbered line the import kept as body text (too long, ending in a comma) still shows its
 * number: （一）…，then the heading （二）. Renumbering that heading to the `next` number, （一）,
 * would print the number twice (issue 7), so a heading whose typed number follows the one the
 * paragraph just before it shows keeps its number.
 */
function continuesShownNumber(node: Heading, level: number, next: number, shown: number | undefined): number | undefined {
  if (shown === undefined || shown < next) return undefined
  const typed = typedOrdinal(toString(node))
  return typed?.level === level && typed.value === shown + 1 ? typed.value : undefined
}

function renumber(node: Heading, level: number, n: number, mode: 'auto' | 'none', file: VFile): void {
  const first = node.children[0]
  const text: Text = first?.type === 'text' ? first : { type: 'text', value: '' }
  if (first !== text) node.children.unshift(text)
  const typed = typedOrdinal(text.value)
  const wanted = mode === 'auto' ? formatOrdinal(level, n) : ''
  const had = typed?.text ?? ''
  if (had === wanted) return
  const place = node.position
  let message: string
  if (!typed) message = `标题补上编号“${wanted}”`
  else if (mode === 'none') message = `按设置去掉标题编号“${had.trim()}”`
  else if (typed.level === level && typed.value === n) message = `标题编号“${had}”统一写作“${wanted}”`
  else message = `标题编号“${had.trim()}”与前后不连贯，改为“${wanted}”`
  const diagnostic = file.message(message, { place, source: SOURCE, ruleId: 'EL-18' })
  // Missing numbers are routine; a wrong number may hide a wrong structure, so it warns.
  diagnostic.fatal = typed && mode === 'auto' && !(typed.level === level && typed.value === n) ? false : undefined
  recordEdit(file, text, 0, had.length, wanted, 'EL-18')
  text.value = wanted + text.value.slice(had.length)
}
