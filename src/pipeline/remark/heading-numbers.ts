/**
 * remark plugin: official heading numbering (EL-2 … EL-5, EL-18, DT-4).
 * Numbers are real text, so they are searchable and appear in the TOC and bookmarks.
 *
 * The author's numbers are the author's (issue 17). Modes:
 * - `auto` (default): an article that types no number anywhere is numbered 一、（一）1.（1）,
 *   restarting under each parent. An article that types its own numbers keeps every one of them
 *   as typed — numbering that restarts per section, numbering that runs on across sections
 *   (1.–60. under 一、…八、), attachments that start again at 一、. A missing number is added
 *   only where the run of same-level headings makes it certain (二、 typed between two headings
 *   without one: 一、 and 三、); a number that breaks its sequence is reported, not changed.
 * - `renumber`: every heading numbered afresh, typed numbers replaced (each change reported).
 * - `keep`: headings as typed. `none`: typed numbers removed.
 * An article's front matter `numbering` overrides booklet.yaml's.
 */
import type { Heading, Paragraph, PhrasingContent, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import { ATTACHMENT_LABEL } from '../../text/document-lines.ts'
import { formatOrdinal, typedOrdinal, type TypedOrdinal } from '../../text/ordinals.ts'
import { recordEdit } from '../fixes.ts'

export type NumberingMode = 'auto' | 'renumber' | 'keep' | 'none'

export interface Options {
  numbering?: NumberingMode
}

const LEVEL_NAMES = ['一级', '二级', '三级', '四级']

/** One heading of the article with what it shows and where its number goes. */
interface Entry {
  node: Heading
  level: number
  /** The text node the number is in (the first, or the first inside a bold or italic run). */
  text: Text | undefined
  typed: TypedOrdinal | undefined
  /** Headings of the same level under the same parent, in order (shared array). */
  run: Entry[]
  /** The last number this level showed before this run (numbering that runs on). */
  before: number
  /** The number a numbered body paragraph of this level showed since the heading before (（二）……，kept as text). */
  shown: number | undefined
  /** The first heading after an attachment's label (附件1): numbering starts again. */
  restart: boolean
}

export default function remarkHeadingNumbers(options: Readonly<Options> = {}) {
  return (tree: Root, file: VFile) => {
    const mode = file.data.matter?.numbering ?? options.numbering ?? 'auto'
    const entries = collect(tree, file)
    if (mode === 'keep') return
    if (mode === 'none') {
      for (const entry of entries) setNumber(entry, '', file, `按设置去掉标题编号“${entry.typed?.text.trim()}”`)
      return
    }
    const handTyped = entries.some((e) => e.typed)
    if (mode === 'renumber' || !handTyped) renumberAll(entries, file)
    else keepTyped(entries, file)
    for (const entry of entries) {
      if (entry.level === 1 && /。$/u.test(toString(entry.node).trim())) {
        // A note, not a warning: the period is the author's (一、加强组织领导。 run in a notice), printed as typed.
        file.info('一级标题末尾一般不用句号', { place: entry.node.position, source: SOURCE, ruleId: 'EL-2' })
      }
    }
  }
}

/** The article's headings with their runs; warns about skipped levels (DT-4). */
function collect(tree: Root, file: VFile): Entry[] {
  const entries: Entry[] = []
  // The open run of each level, and the last number each level showed.
  let runs: (Entry[] | undefined)[] = []
  let last = [0, 0, 0, 0]
  let previousLevel = 0
  // Numbers numbered body paragraphs showed since the last heading, by level.
  let shown: (number | undefined)[] = []
  let restart = false
  for (const node of tree.children) {
    // An attachment (附件1 on its own line) is a document of its own: its numbers start again.
    if (node.type === 'paragraph' && ATTACHMENT_LABEL.test(toString(node).trim())) {
      runs = []
      last = [0, 0, 0, 0]
      previousLevel = 0
      restart = true
      continue
    }
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
    const text = numberText(node)
    const typed = text ? typedOrdinal(text.value) : undefined
    const run = runs[level - 1] ?? []
    runs[level - 1] = run
    runs.fill(undefined, level)
    const entry: Entry = { node, level, text, typed, run, before: run.length ? run[0]!.before : last[level - 1]!, shown: shown[level - 1], restart }
    shown = []
    restart = false
    run.push(entry)
    if (typed?.level === level) last[level - 1] = typed.value
    entries.push(entry)
  }
  return entries
}

/**
 * Typed numbers stay. A run with gaps is filled where every typed number stands at its place —
 * counting from 1, or on from the number this level showed before (numbering across sections).
 */
function keepTyped(entries: Entry[], file: VFile): void {
  const runs = new Set(entries.map((e) => e.run))
  for (const run of runs) {
    const level = run[0]!.level
    const own = run.filter((e) => e.typed?.level === level)
    if (own.length === 0) continue
    const start = [0, run[0]!.before].find((base) => own.every((e) => e.typed!.value === base + run.indexOf(e) + 1))
    let expected = run[0]!.before
    for (const [k, entry] of run.entries()) {
      const { typed } = entry
      if (!typed) {
        if (start === undefined) {
          diagnose(file, entry, `标题没有编号，同级标题的编号不连贯，无法确定应补的编号，保持原样：${toString(entry.node)}`, false)
          continue
        }
        expected = start + k + 1
        setNumber(entry, formatOrdinal(level, expected), file, `标题补上编号“${formatOrdinal(level, expected)}”（同级标题的编号都在各自的位置上）`)
        continue
      }
      if (typed.level !== level) {
        diagnose(file, entry, `标题编号“${typed.text.trim()}”是${LEVEL_NAMES[typed.level - 1]}标题的写法，这里是${LEVEL_NAMES[level - 1]}标题：保持原样，请核对`, false)
        continue
      }
      // Counting on (from the heading before, or from a numbered paragraph kept as text between
      // them) or starting again at 1 is in sequence.
      const inSequence = typed.value === expected + 1 || typed.value === 1 || (k === 0 && typed.value === entry.before + 1) || typed.value === (entry.shown ?? -1) + 1
      if (!inSequence) {
        const before = Math.max(expected, entry.shown ?? 0)
        const why = before === 0 ? '这一级前面还没有编号，却不从 1 编起' : `与前一个同级编号（${before}）不连贯`
        diagnose(file, entry, `标题编号“${typed.text.trim()}”${why}，保持原样，请核对`, false)
      }
      expected = typed.value
      const usual = formatOrdinal(level, typed.value)
      // 1、→ 1. and 一．→ 一、 are the same number in the form GB/T 9704 prints it; 第一章 stays.
      if (!typed.unit && typed.text !== usual && typed.text.trim() !== usual) setNumber(entry, usual, file, `标题编号“${typed.text}”统一写作“${usual}”`)
    }
  }
}

/** Every heading numbered afresh under its parent (`renumber`, and articles with no typed number). */
function renumberAll(entries: Entry[], file: VFile): void {
  const counters = [0, 0, 0, 0]
  for (const entry of entries) {
    const { level, typed } = entry
    if (entry.restart) counters.fill(0)
    const next = counters[level - 1]! + 1
    counters[level - 1] = continuesShownNumber(entry, next) ?? next
    counters.fill(0, level)
    const n = counters[level - 1]!
    const wanted = formatOrdinal(level, n, typed?.unit)
    if (!typed) setNumber(entry, wanted, file, `标题补上编号“${wanted}”`)
    else if (typed.level === level && typed.value === n) setNumber(entry, typed.unit ? typed.text : wanted, file, `标题编号“${typed.text}”统一写作“${wanted}”`)
    else {
      // A wrong number may hide a wrong structure, so it warns.
      setNumber(entry, wanted, file, `标题编号“${typed.text.trim()}”与前后不连贯，改为“${wanted}”`, false)
    }
  }
}

/**
 * A numbered line the import kept as body text (too long, ending in a comma) still shows its
 * number: （一）…，then the heading （二）. Renumbering that heading to the `next` number, （一）,
 * would print the number twice (issue 7), so a heading whose typed number follows the one the
 * paragraph just before it shows keeps its number.
 */
function continuesShownNumber(entry: Entry, next: number): number | undefined {
  const { shown } = entry
  if (shown === undefined || shown < next) return undefined
  return entry.typed?.level === entry.level && entry.typed.value === shown + 1 ? entry.typed.value : undefined
}

/**
 * The text node a heading's number is in: its first text, also inside bold or italic
 * (`## **一、充分肯定成绩**`, as Word's bold headings come in), so the number is seen and not added twice.
 */
function numberText(node: Heading | Paragraph): Text | undefined {
  let children: PhrasingContent[] = node.children
  for (;;) {
    const first = children[0]
    if (!first) return undefined
    if (first.type === 'text') return first
    if ((first.type === 'strong' || first.type === 'emphasis') && first.children.length) children = first.children
    else return undefined
  }
}

/** Puts `wanted` in place of the typed number (if any) and reports it. */
function setNumber(entry: Entry, wanted: string, file: VFile, message: string, fatal?: false): void {
  const had = entry.typed?.text ?? ''
  if (had === wanted) return
  let text = entry.text
  if (!text) {
    text = { type: 'text', value: '' }
    entry.node.children.unshift(text)
  }
  diagnose(file, entry, message, fatal)
  recordEdit(file, text, 0, had.length, wanted, 'EL-18')
  text.value = wanted + text.value.slice(had.length)
}

function diagnose(file: VFile, entry: Entry, message: string, fatal?: false): void {
  const diagnostic = file.message(message, { place: entry.node.position, source: SOURCE, ruleId: 'EL-18' })
  diagnostic.fatal = fatal
}
