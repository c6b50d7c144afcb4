/**
 * The structured items written out as the manuscript format: front matter, one Markdown block per
 * item, and for each Markdown line the source line (or Word paragraph) it came from.
 */
import type { Heading, List, Paragraph, PhrasingContent, RootContent } from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import type { ImportedMatter, ImportResult, SourcePlace } from './source-blocks.ts'
import { type Item, BULLET, placeOf } from './items.ts'

function trimmed(children: PhrasingContent[]): PhrasingContent[] {
  const out = children.map((c) => ({ ...c })) as PhrasingContent[]
  const first = out[0]
  if (first?.type === 'text') first.value = first.value.replace(/^[\s\u3000]+/u, '')
  const last = out.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/[\s\u3000]+$/u, '')
  return out.filter((c) => c.type !== 'text' || c.value !== '')
}

/**
 * mdast-util-to-markdown writes the Han character after `**要讲政治。**` as `&#x59CB;` to satisfy
 * CommonMark's flanking rule; the pipeline reads the plain character right (remark-cjk-friendly),
 * and an author must be able to read and edit the file, so CJK characters are never references.
 */
function readableCjk(markdown: string): string {
  return markdown.replace(/&#x([0-9A-F]+);/gu, (reference, hex: string) => {
    const code = Number.parseInt(hex, 16)
    return code >= 0x2e80 ? String.fromCodePoint(code) : reference
  })
}

/** One Markdown block per item, each remembering its source line; consecutive bullets make one list. */
export function serialize(matter: ImportedMatter, items: Item[]): Omit<ImportResult, 'notes'> {
  const frontMatter = `---\n${stringify(matter, { lineWidth: 0 })}---\n`
  const lineMap: SourcePlace[] = frontMatter.split('\n').slice(0, -1).map(() => undefined)
  const parts: string[] = [frontMatter]
  const emit = (node: RootContent, lines: SourcePlace[]) => {
    const text = readableCjk(toMarkdown({ type: 'root', children: [node] }, { extensions: [gfmToMarkdown()], bullet: '-' }))
    parts.push(`\n${text}`)
    const count = text.split('\n').length - 1
    lineMap.push(undefined, ...Array.from({ length: count }, (_, k) => lines[Math.min(k, lines.length - 1)]))
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const { block } = item
    if (item.kind === 'node') {
      emit(block.node!, [placeOf(block)])
    } else if (item.kind === 'heading') {
      const heading: Heading = { type: 'heading', depth: (item.level! + 1) as Heading['depth'], children: trimmed(block.children ?? []) }
      emit(heading, [placeOf(block)])
    } else if (item.kind === 'bullet') {
      const list: List = { type: 'list', ordered: false, spread: false, children: [] }
      const lines: SourcePlace[] = []
      for (; items[i]?.kind === 'bullet'; i++) {
        const children = trimmed(items[i]!.block.children ?? [])
        const first = children[0]
        if (first?.type === 'text') first.value = first.value.replace(BULLET, '')
        list.children.push({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })
        lines.push(placeOf(items[i]!.block))
      }
      i--
      emit(list, lines)
    } else {
      const children = trimmed(block.children ?? [])
      // An attachments note keeps its lines (附件：1．… / 2．…) as lines of one paragraph.
      for (const extra of item.extra ?? []) children.push({ type: 'break' }, ...trimmed(extra.block.children ?? []))
      const paragraph: Paragraph = { type: 'paragraph', children }
      emit(paragraph, [placeOf(block), ...(item.extra ?? []).map((e) => placeOf(e.block))])
    }
  }
  const markdown = parts.join('')
  return { markdown, matter, lineMap }
}
