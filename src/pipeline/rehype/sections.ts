/**
 * rehype plugin: nests the body into `<section>`s by heading level and gives every heading a
 * stable id derived from its position (`art-1-2-1` = first （一） under 二、 of article 1), so
 * ids stay the same from build to build and across edits elsewhere in the booklet.
 * Collects the headings into `file.data.outline` for the TOC, bookmarks and report.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import type { OutlineHeading } from '../types.ts'

const HEADING = /^h([2-6])$/

export default function rehypeSections() {
  return (tree: Root, file: VFile) => {
    const articleId = file.data.articleId ?? 'art'
    const headings: OutlineHeading[] = []
    const counters: number[] = []
    const body: RootContent[] = []
    const trailing: RootContent[] = []
    // Stack of open sections; index 0 stands for the article body itself.
    const stack: { level: number; children: (RootContent | ElementContent)[] }[] = [{ level: 0, children: body }]

    for (const node of tree.children) {
      if (node.type === 'element' && node.properties?.dataFootnotes !== undefined) {
        trailing.push(node)
        continue
      }
      const match = node.type === 'element' ? HEADING.exec(node.tagName) : null
      if (!match || node.type !== 'element') {
        const siblings = stack[stack.length - 1]!.children
        // A run-in heading and its body share one line: no white space between them.
        if (node.type === 'text' && !node.value.trim() && isRunIn(siblings[siblings.length - 1])) continue
        siblings.push(node)
        continue
      }
      const level = Number(match[1]) - 1
      while (stack.length > 1 && stack[stack.length - 1]!.level >= level) stack.pop()
      counters.length = level
      counters[level - 1] = (counters[level - 1] ?? 0) + 1
      for (let i = 0; i < level - 1; i++) counters[i] ??= 0
      const id = `${articleId}-${counters.join('-')}`
      const runIn = isRunIn(node)
      node.properties = { ...node.properties, id, className: [`heading-${level}`, ...(runIn ? ['run-in'] : [])] }
      headings.push({ id, level, text: toString(node).trim(), ...(node.position ? { line: node.position.start.line } : {}) })
      const section: Element = {
        type: 'element',
        tagName: 'section',
        properties: { className: [`level-${level}`, ...(runIn ? ['has-run-in'] : [])] },
        children: [node],
      }
      stack[stack.length - 1]!.children.push(section)
      stack.push({ level, children: section.children })
    }
    tree.children = [...body, ...trailing]
    file.data.outline = { id: articleId, title: file.data.title ?? '', headings }
  }
}

function isRunIn(node: unknown): boolean {
  if (!node || typeof node !== 'object' || (node as Element).type !== 'element') return false
  const className = (node as Element).properties?.className
  return Array.isArray(className) && className.includes('run-in')
}
