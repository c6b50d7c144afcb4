/**
 * A .md file that is a pasted speech in all but name (issue 17): no `#` heading anywhere, but
 * lines that open with official ordinals (一、 （一）). Such a file is structured like a .txt —
 * title block, heading levels, 落款 — keeping its Markdown (bold, links, lists, tables) and its
 * own front matter, which wins over every guess. Pure: text in, ImportResult out.
 */
import type { PhrasingContent, Root, RootContent } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parse, stringify } from 'yaml'
import { typedOrdinal } from '../text/ordinals.ts'
import type { ImportResult, SourceBlock } from './source-blocks.ts'
import { structureToMarkdown } from './structure.ts'

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

/**
 * No heading at all, and at least two lines opening with 一、 or （一） (a single numbered line
 * may be a list item an author typed): the file is structured as a text.
 */
export function needsStructure(markdown: string): boolean {
  // Every .md of every build comes through here: the line checks first, the Markdown parse
  // (for a setext heading, or lines inside code) only for a file that has passed them.
  const lines = markdown.split(/\r?\n/u)
  if (lines.some((line) => /^ {0,3}#{1,6}(?:[ \t]|$)/u.test(line))) return false
  const numbered = lines.filter((line) => {
    const typed = typedOrdinal(line.trim())
    return typed !== undefined && typed.level <= 2
  })
  if (numbered.length < 2) return false
  return !(parser.parse(markdown) as Root).children.some((node) => node.type === 'heading')
}

export function importMarkdownText(markdown: string, fallbackTitle?: string): ImportResult {
  const tree = parser.parse(markdown) as Root
  let own: Record<string, unknown> = {}
  const blocks: SourceBlock[] = []
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      own = (parse(node.value) as Record<string, unknown> | null) ?? {}
      continue
    }
    const line = node.position?.start.line
    if (node.type !== 'paragraph') {
      blocks.push({ ...(line ? { line } : {}), where: `第 ${line ?? '?'} 行`, node: node as RootContent })
      continue
    }
    // Lines typed one under the other are one Markdown paragraph: each is a paragraph of the speech.
    for (const [k, children] of splitLines(node.children).entries()) {
      blocks.push({ ...(line ? { line: line + k } : {}), where: `第 ${(line ?? 0) + k} 行`, children })
    }
  }
  const result = structureToMarkdown(blocks, fallbackTitle)
  if (Object.keys(own).length === 0) return result
  // The author's own front matter stands; the guesses fill in only what it leaves out.
  const matter = { ...result.matter, ...own } as ImportResult['matter']
  const oldMatter = /^---\n[\s\S]*?\n---\n/u.exec(result.markdown)![0]
  const newMatter = `---\n${stringify(matter, { lineWidth: 0 })}---\n`
  // Front-matter lines map to no source line; the body's map moves down or up with them.
  const matterLines = (text: string) => text.split('\n').length - 1
  const lineMap = [...Array.from({ length: matterLines(newMatter) }, () => undefined), ...result.lineMap.slice(matterLines(oldMatter))]
  // A title in the author's front matter is the title: no guess about one, and no warning that the text lacks one.
  const notes = typeof own.title === 'string' && own.title.trim() ? result.notes.filter((note) => note.rule !== 'import-title') : result.notes
  return { ...result, notes, matter, markdown: newMatter + result.markdown.slice(oldMatter.length), lineMap }
}

/** A paragraph's inline content cut at its line ends (soft breaks inside text nodes). */
function splitLines(children: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]]
  for (const child of children) {
    if (child.type === 'break') {
      lines.push([])
      continue
    }
    if (child.type !== 'text' || !child.value.includes('\n')) {
      lines.at(-1)!.push(child)
      continue
    }
    child.value.split('\n').forEach((part, k) => {
      if (k > 0) lines.push([])
      if (part.trim() !== '') lines.at(-1)!.push({ type: 'text', value: part.trim() })
    })
  }
  return lines.filter((line) => line.length > 0)
}
