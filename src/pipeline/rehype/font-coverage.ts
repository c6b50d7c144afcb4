/**
 * rehype plugin: FN-5. Before anything is rendered, every character is checked against the
 * bundled font of the role it is set in (body 仿宋, 一级标题 黑体, …). A character the role's
 * font lacks is drawn by the same-style fallback (Noto Serif/Sans SC) — reported, so the author
 * knows one character will look different; a character no font has would print as a box.
 */
import type { Element, Root } from 'hast'
import { visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import type { Coverage } from '../../fonts/coverage.ts'
import { ROLES, type RoleName } from '../../fonts/roles.ts'
import { placeOf } from '../fixes.ts'

declare module 'vfile' {
  interface DataMap {
    /** Characters no font has: printed as boxes, so the PDF's text cannot have them (preflight TP-1). */
    glyphless: string[]
  }
}

export interface Options {
  /** Coverage of each role's bundled font, and of each fallback family. */
  roles: Record<RoleName, Coverage>
  fallbacks: Record<string, Coverage>
}

const HEI = new Set(['h2', 'strong', 'th', 'b'])
const KAI = new Set(['h3', 'blockquote', 'em'])
const KAI_CLASSES = ['article-subtitle', 'article-speaker', 'article-date', 'article-source']

function roleOf(ancestors: Element[]): RoleName {
  for (const node of [...ancestors].reverse()) {
    const classes = (node.properties?.className as string[] | undefined) ?? []
    if (node.tagName === 'h1' || classes.includes('article-title')) return 'xbs'
    if (HEI.has(node.tagName)) return 'hei'
    if (KAI.has(node.tagName) || KAI_CLASSES.some((c) => classes.includes(c))) return 'kai'
  }
  return 'fs'
}

/** Characters that need a glyph: not spaces or controls. */
const DRAWN = /[^\s\u200b-\u200d\u2060\ufe0e\ufe0f]/u

export default function rehypeFontCoverage(options: Readonly<Options>) {
  return (tree: Root, file: VFile) => {
    const reported = new Set<string>()
    const glyphless = new Set<string>()
    visitParents(tree, 'text', (node, parents) => {
      const ancestors = parents.filter((p): p is Element => p.type === 'element')
      if (ancestors.some((a) => a.tagName === 'code' || a.tagName === 'pre')) return
      const role = ROLES.find((r) => r.name === roleOf(ancestors))!
      const covered = options.roles[role.name]
      const fallback = options.fallbacks[role.fallback]
      let index = 0
      for (const char of node.value) {
        const at = index
        index += char.length
        const cp = char.codePointAt(0)!
        if (cp < 0x2e80 || !DRAWN.test(char) || covered(cp)) continue
        const key = `${role.name}:${char}`
        if (reported.has(key)) continue
        reported.add(key)
        const place = node.position ? placeOf(file, node as never, at) : ancestors.findLast((a) => a.position)?.position
        const known = fallback?.(cp)
        if (!known) glyphless.add(char)
        const message = known
          ? `“${char}”（U+${cp.toString(16).toUpperCase()}）不在${role.label}字体 ${role.open.family} 中，改用 ${role.fallback} 显示，字形会略有不同`
          : `“${char}”（U+${cp.toString(16).toUpperCase()}）在${role.label}及后备字体中都没有，印出来会是方框`
        const diagnostic = file.message(message, { ...(place ? { place } : {}), source: SOURCE, ruleId: 'FN-5' })
        diagnostic.fatal = false
      }
    })
    file.data.glyphless = [...glyphless]
  }
}
