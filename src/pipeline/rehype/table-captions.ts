/**
 * rehype plugin: the lines that head a table — its title (表一：2019—2023年项目经费总预算, 附表2
 * ……, or a short title line with no full stop) and its unit (单位：万元) — are set as a table's
 * caption is (CY/T 170: the title centred over the table, the unit flush right above it) and go
 * to a new page with the table: the page driver moves them along when the table goes over whole
 * (paginate.js), as a typesetter never leaves a table's title at the foot of a page and the
 * table overleaf. Manuscripts type them as paragraphs just before the table, as Word users do.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { addClass, classesOf } from '../../text/hast-class.ts'

/** 表一：…, 表1 …, 附表2 …, 续表 (a title that names its table). */
const NUMBERED_TITLE = /^(附表|表)\s*[0-9０-９一二三四五六七八九十]+|^续表/u
/** 单位：万元, 金额单位：元 (the unit of the table's figures). */
const UNIT = /^(计量单位|金额单位|单位)\s*[:：]/u
/** A title line without a number: short, and not a sentence (no closing mark). */
const TITLE_LINE_MAX = 40
const SENTENCE_END = /[。！？；：，、…]$/u

export default function rehypeTableCaptions() {
  return (tree: Root) => {
    visit(tree, 'element', (parent: Element | Root) => {
      const children = parent.children as ElementContent[]
      children.forEach((child, i) => {
        if (child.type !== 'element' || child.tagName !== 'table') return
        // Up from the table: at most a unit line and a title line, next to each other.
        const leads: { element: Element; kind: 'title' | 'unit' }[] = []
        for (let j = i - 1; j >= 0 && leads.length < 2; j--) {
          const before = children[j]!
          if (before.type === 'text' && !before.value.trim()) continue
          // A paragraph the pipeline gave a role (附件2, a closing) or with line breaks is not a caption.
          if (before.type !== 'element' || before.tagName !== 'p' || classesOf(before).length > 0 || before.children.some((c) => c.type === 'element' && c.tagName === 'br')) break
          const kind = kindOf(toString(before).trim())
          if (!kind || leads.some((lead) => lead.kind === kind)) break
          leads.push({ element: before, kind })
          if (kind === 'title') break
        }
        for (const { element, kind } of leads) addClass(element, 'table-lead', `table-${kind}`)
      })
    })
  }
}

/** A line heading a table: its unit, or its title. */
function kindOf(text: string): 'title' | 'unit' | null {
  const length = [...text].length
  if (UNIT.test(text) && length <= 20) return 'unit'
  if (length <= TITLE_LINE_MAX && (NUMBERED_TITLE.test(text) || !SENTENCE_END.test(text)) && /\p{Script=Han}/u.test(text)) return 'title'
  return null
}
