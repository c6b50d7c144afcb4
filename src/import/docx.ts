/**
 * Word (.docx) → source blocks, through mammoth (which reads the document's paragraphs, styles,
 * tables, lists and footnotes into HTML) and hast-util-to-mdast. Heading styles give levels;
 * Word's automatic numbering is typed out first (docx-numbering.ts), so a document numbered by
 * Word and one numbered by typing — the usual office document — go through the same structure
 * detection as plain text. Images are not imported (reported).
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toString } from 'hast-util-to-string'
import { toMdast, type Handle } from 'hast-util-to-mdast'
import mammoth from 'mammoth'
import type { FootnoteDefinition, PhrasingContent, Root as MdastRoot, RootContent } from 'mdast'
import { typeOutNumbering } from './docx-numbering.ts'
import { mergedTableHtml } from './html-table.ts'
import type { ImportNote, SourceBlock } from './source-blocks.ts'

/** Word's built-in style names, as English and Chinese Word write them. */
const STYLE_MAP = [
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='标题 ${n}'] => h${n}:fresh`),
  "p[style-name='Title'] => p.doc-title:fresh",
  "p[style-name='标题'] => p.doc-title:fresh",
  "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
  "p[style-name='副标题'] => p.doc-subtitle:fresh",
]

export async function docxToBlocks(bytes: Buffer): Promise<{ blocks: SourceBlock[]; notes: ImportNote[] }> {
  let images = 0
  // Word's automatic numbers become text first, as the author sees them (mammoth would drop them).
  const numbered = await typeOutNumbering(bytes)
  const result = await mammoth.convertToHtml(
    { buffer: numbered.bytes },
    {
      styleMap: STYLE_MAP,
      // A document must not make the importer read other files (linked images).
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async () => {
        images++
        return { src: '' }
      }),
    },
  )
  const tree = fromHtml(result.value, { fragment: true })
  const footnotes = takeFootnotes(tree)
  headerRows(tree)
  const notes: ImportNote[] = []
  if (numbered.count) notes.push({ message: `Word 自动编号的 ${numbered.count} 个段落，编号按 Word 中显示的样子写成了文字`, rule: 'import-numbering' })
  if (images) notes.push({ message: `文档中的 ${images} 张图片没有导入：请把图片另存为文件，再在稿件中用 ![说明](图片.png) 插入`, rule: 'import-image', severity: 'warning' })
  const blocks: SourceBlock[] = []
  const elements = tree.children.filter((node): node is Element => node.type === 'element')
  const headingLevels = elements.filter((e, i) => /^h[1-6]$/.test(e.tagName) && !(i === 0 && e.tagName === 'h1')).map((e) => Number(e.tagName[1]))
  const shallowest = headingLevels.length ? Math.min(...headingLevels) : 1
  elements.forEach((element, index) => {
    const where = `第 ${index + 1} 段`
    const classes = (element.properties.className as string[] | undefined) ?? []
    if (element.tagName === 'p' || /^h[1-6]$/.test(element.tagName)) {
      const children = phrasing(element)
      if (children.length === 0) return
      const level = /^h[1-6]$/.test(element.tagName) ? Number(element.tagName[1]) : undefined
      // The document's only Heading 1 at the very top is its title, not a section.
      const isTitle = classes.includes('doc-title') || (index === 0 && level === 1)
      blocks.push({
        where,
        children,
        ...(isTitle ? { styleRole: 'title' as const } : classes.includes('doc-subtitle') ? { styleRole: 'subtitle' as const } : {}),
        ...(level && !isTitle ? { styleLevel: Math.min(level - shallowest + 1, 4) } : {}),
      })
      return
    }
    // A table with merged cells keeps them as an HTML table (a pipe table cannot merge cells).
    const merged = element.tagName === 'table' ? mergedTableHtml(element) : undefined
    if (merged) {
      blocks.push({ where, node: { type: 'html', value: merged } })
      return
    }
    const node = toMdast({ type: 'root', children: [element] }, { handlers: HANDLERS }) as MdastRoot
    for (const child of node.children as RootContent[]) blocks.push({ where, node: child })
  })
  for (const definition of footnotes) blocks.push({ where: '脚注', node: definition })
  return { blocks, notes }
}

/** Word footnote references (`<sup><a href="#footnote-1">[1]</a></sup>`) become `[^1]`. */
const footnoteReference: Handle = (state, node) => {
  const link = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a')
  const id = /^#footnote-(\d+)$/.exec(String(link?.properties.href ?? ''))?.[1]
  if (!id) return state.all(node) as never
  return { type: 'footnoteReference', identifier: id, label: id }
}

const HANDLERS: Record<string, Handle> = {
  sup: footnoteReference,
  // The footnote's "↑" link back to the text means nothing on paper.
  a: (state, node) => (/^#footnote-ref-/.test(String(node.properties.href ?? '')) ? undefined : state.all(node)) as never,
  img: () => undefined,
}

function phrasing(element: Element): PhrasingContent[] {
  const root = toMdast({ type: 'root', children: [{ ...element, tagName: 'p' }] }, { handlers: HANDLERS }) as MdastRoot
  const paragraph = root.children[0]
  return paragraph && 'children' in paragraph ? (paragraph.children as PhrasingContent[]) : []
}

/** Removes mammoth's footnote list from the tree and returns it as footnote definitions. */
function takeFootnotes(tree: HastRoot): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = []
  tree.children = tree.children.filter((node) => {
    if (node.type !== 'element' || node.tagName !== 'ol') return true
    const items = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li')
    const ids = items.map((li) => /^footnote-(\d+)$/.exec(String(li.properties.id ?? ''))?.[1])
    if (items.length === 0 || ids.some((id) => !id)) return true
    items.forEach((li, i) => {
      const body = toMdast({ type: 'root', children: li.children as ElementContent[] }, { handlers: HANDLERS }) as MdastRoot
      definitions.push({ type: 'footnoteDefinition', identifier: ids[i]!, label: ids[i]!, children: body.children as FootnoteDefinition['children'] })
    })
    return false
  })
  return definitions
}

/**
 * Word has no table header cells; mammoth writes every row with <td>. A Markdown table needs a
 * header row, and a Word table's first row is its header in practice, so it becomes <th>.
 */
function headerRows(tree: HastRoot): void {
  for (const table of tree.children) {
    if (table.type !== 'element' || table.tagName !== 'table') continue
    const rows = table.children.flatMap((c) => (c.type === 'element' && c.tagName === 'tbody' ? c.children : [c]))
    const first = rows.find((r): r is Element => r.type === 'element' && r.tagName === 'tr')
    for (const cell of first?.children ?? []) if (cell.type === 'element' && cell.tagName === 'td') cell.tagName = 'th'
  }
}
