/**
 * remark plugin: a bare URL written straight into a Chinese sentence ends where the address ends (T-4).
 * A GFM autolink literal runs to the next whitespace, and Chinese puts none after a URL, so
 * `详见 https://example.com/a,请登录。` would link `https://example.com/a,请登录。` as one address,
 * and with it any `**重点**`, footnote mark or link later on the line. Here a literal ends before its
 * first Han character or full-width mark, exactly as GFM would end it before a space: its trailing
 * `,` `.` `;` `:` `!` `?` (quotes, `)` …) fall outside too. They are the sentence's punctuation, which
 * the punctuation plugin then makes full-width; the Markdown after them is Markdown again.
 * Only literals are cut: a Markdown link `[文字](url)` or `<url>` is what the author wrote.
 */
import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { type Processor, unified } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { isCjk } from '../../text/punctuation.ts'
import { pointAt, pointAtOffset, sliceText } from '../fixes.ts'

/** Parses a run of plain text on its own, to let GFM itself say where its literals are. */
const gfm = unified().use(remarkParse).use(remarkGfm)
/** Unicode whitespace, which ends a literal, where a cut character was; one UTF-16 unit, so positions hold. */
const BLANK = '\u3000'

export default function remarkAutolinkEnds(this: Processor) {
  const parse = (value: string): Root => this.parse(value) as Root
  return (tree: Root, file: VFile): Root => {
    const source = String(file.value)
    const parsed = parseWithEnds(tree, source, parse)
    endFoundLiterals(parsed, source)
    return parsed
  }
}

/**
 * Literals micromark made while parsing may have swallowed Markdown (emphasis, a footnote mark, a link):
 * the source is parsed again, as the processor parses it, with a blank for each character where a literal
 * ends, until no literal runs into Chinese; then the characters are put back into the tree.
 */
function parseWithEnds(tree: Root, source: string, parse: (value: string) => Root): Root {
  let blanked = source
  // Each round blanks characters that were not blank (a literal ends at a blank): the rounds come to an end.
  for (let cuts = parsedCuts(tree, blanked); cuts.length; cuts = parsedCuts(tree, blanked)) {
    for (const cut of cuts) blanked = blanked.slice(0, cut) + BLANK.repeat(charLength(blanked, cut)) + blanked.slice(cut + charLength(blanked, cut))
    tree = parse(blanked)
  }
  restorePositions(tree, blanked)
  if (blanked !== source) putBack(tree, blanked, source)
  return tree
}

/** Source offsets where literals made by micromark (they have positions) should have ended. */
function parsedCuts(tree: Root, source: string): number[] {
  const cuts: number[] = []
  visit(tree, 'link', (link: Link) => {
    const text = link.position ? literalText(link, source) : undefined
    const cut = text ? firstCjk(text.value) : -1
    if (cut > 0) cuts.push(link.position!.start.offset! + cut)
    return SKIP
  })
  return cuts
}
const charLength = (text: string, at: number): number => String.fromCodePoint(text.codePointAt(at)!).length

/** Puts the source's characters back where the tree has the blanks (the k-th blank of a value is the k-th of its source). */
function putBack(tree: Root, blanked: string, source: string): void {
  visit(tree, (node: Nodes) => {
    const [start, end] = [node.position?.start.offset, node.position?.end.offset]
    if (!('value' in node) || start === undefined || end === undefined || blanked.slice(start, end) === source.slice(start, end)) return
    const original = [...blanked.slice(start, end).matchAll(/\u3000/gu)].map((m) => source[start + m.index])
    if (original.length !== node.value.split(BLANK).length - 1) return
    let k = 0
    node.value = node.value.replace(/\u3000/gu, () => original[k++]!)
  })
}

/**
 * Literals remark-gfm finds after parsing, in plain text (`网址：www.gov.cn`, where micromark wants a space
 * or an ASCII mark before `www.`), swallowed no Markdown: they are cut into links and text in place.
 */
function endFoundLiterals(tree: Root, source: string): void {
  visit(tree, 'link', (link: Link, index, parent) => {
    const text = literalText(link, source)
    if (!text || index === undefined || !parent || firstCjk(text.value) < 0) return
    const pieces: PhrasingContent[] = []
    let at = 0
    for (const literal of literalsIn(text.value)) {
      if (literal.start > at) pieces.push(sliceText(text, at, literal.start))
      const linkText = sliceText(text, literal.start, literal.end)
      pieces.push({ type: 'link', title: null, url: literal.url, children: [linkText], ...(linkText.position ? { position: linkText.position } : {}) })
      at = literal.end
    }
    if (at < text.value.length) pieces.push(sliceText(text, at, text.value.length))
    parent.children.splice(index, 1, ...(pieces as never[]))
    // The cut-off text joins the text around it, as if GFM had ended the link there.
    let end = index + pieces.length - 1
    joinNext(parent, end)
    if (joinNext(parent, index - 1)) end--
    return [SKIP, end + 1]
  })
}

interface Literal { start: number; end: number; url: string }

/** The autolink literals GFM finds in `value` (source text), each ended before its first Han character or full-width mark. */
function literalsIn(value: string): Literal[] {
  const tree = gfm.runSync(gfm.parse(value)) as Root
  restorePositions(tree, value)
  const found: Literal[] = []
  visit(tree, 'link', (link: Link) => {
    const text = literalText(link, value)
    const [start, end] = [link.position?.start.offset, link.position?.end.offset]
    if (!text || start === undefined || end === undefined) return SKIP
    const cut = firstCjk(text.value)
    if (cut < 0) found.push({ start, end, url: link.url })
    // Both parts are shorter than `value`, and the second starts with a character no literal starts with.
    else if (cut > 0) found.push(...shift(literalsIn(value.slice(start, start + cut)), start), ...shift(literalsIn(value.slice(start + cut, end)), start + cut))
    return SKIP
  })
  return found
}
const shift = (literals: Literal[], by: number): Literal[] => literals.map((l) => ({ ...l, start: l.start + by, end: l.end + by }))

/** The text of an autolink literal, or undefined for a link the author wrote (`[文字](url)`, `<url>`). */
function literalText(link: Link, source: string): Text | undefined {
  const [text] = link.children
  if (link.children.length !== 1 || text?.type !== 'text') return undefined
  const [start, end] = [link.position?.start.offset, link.position?.end.offset]
  // Only remark-gfm's literal transform makes links without a position (see restorePositions).
  if (start === undefined || end === undefined) return text.position ? undefined : text
  return source.slice(start, end) === text.value ? text : undefined
}

/** Index of the first Han character or full-width mark, or -1. */
function firstCjk(value: string): number {
  let index = 0
  for (const ch of value) {
    if (isCjk(ch)) return index
    index += ch.length
  }
  return -1
}

/**
 * remark-gfm finds some literals after parsing (`网址：www.gov.cn`, where micromark wants a space or
 * ASCII mark before `www.`) and replaces the text node by pieces without a position: messages in
 * them would have no line:col and `check --fix` could not write their fixes. Each run of such pieces
 * gets its position back where its text is a verbatim copy of the source next to its neighbours.
 */
function restorePositions(tree: Root, source: string): void {
  visit(tree, (node: Nodes) => {
    if (!('children' in node) || !node.position) return
    const children = node.children as Nodes[]
    for (let i = 0; i < children.length; i++) {
      if (children[i]!.position) continue
      let j = i
      while (j < children.length && !children[j]!.position && verbatim(children[j]!) !== undefined) j++
      const after = (children[i - 1] ?? node).position?.[i > 0 ? 'end' : 'start'].offset
      const before = (children[j] ?? node).position?.[j < children.length ? 'start' : 'end'].offset
      if (j > i) placeRun(children.slice(i, j), source, [after, before === undefined ? undefined : before - runText(children.slice(i, j)).length])
      i = j
    }
  })
}

/** The source text of a text node or a literal's link, as remark-gfm's transform makes them. */
function verbatim(node: Nodes): string | undefined {
  if (node.type === 'text') return node.value
  return node.type === 'link' && node.children.length === 1 && node.children[0]!.type === 'text' ? node.children[0].value : undefined
}

const runText = (run: Nodes[]): string => run.map((n) => verbatim(n)!).join('')

/** Positions the run of nodes at the first of the candidate offsets where the source matches its text. */
function placeRun(run: Nodes[], source: string, candidates: (number | undefined)[]): void {
  const value = runText(run)
  const start = candidates.find((s) => s !== undefined && s >= 0 && source.slice(s, s + value.length) === value)
  if (start === undefined) return
  const anchor = { value, position: { start: pointAtOffset(source, start), end: pointAtOffset(source, start + value.length) } }
  let at = 0
  for (const node of run) {
    const length = verbatim(node)!.length
    node.position = { start: pointAt(anchor, at)!, end: pointAt(anchor, at + length)! }
    if (node.type === 'link') node.children[0]!.position = node.position
    at += length
  }
}

/** Joins the text node at `index` and a text node right after it that continues it in the source. */
function joinNext(parent: Parent, index: number): boolean {
  const [a, b] = [parent.children[index], parent.children[index + 1]]
  if (a?.type !== 'text' || b?.type !== 'text') return false
  const adjacent = a.position && b.position ? a.position.end.offset === b.position.start.offset : !a.position && !b.position
  if (!adjacent) return false
  a.value += b.value
  if (a.position && b.position) a.position = { start: a.position.start, end: b.position.end }
  parent.children.splice(index + 1, 1)
  return true
}
