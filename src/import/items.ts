/**
 * What the structure rules work on (issue 4, issue 17): one item per paragraph of the source, with
 * what the rules have made of it so far, and the shapes of text they share.
 */
import type { PhrasingContent, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { SENTENCE_END } from '../text/document-lines.ts'
import type { SourceBlock, SourcePlace } from './source-blocks.ts'

/** 各科室应认真落实 · 全体人员须…… · 务必……: a requirement, said in a sentence, not a heading. */
export const DIRECTIVE = /[\p{Script=Han}](?<![响适供反相对效呼顺回感理])(?:应当|应|须|务必)(?![对用急变运])\p{Script=Han}/u

/** A heading is at most this long (characters); longer numbered lines are paragraphs. */
export const MAX_HEADING = 40

/** A bold lead sentence (要旗帜鲜明讲政治。) is at most this long. */
export const MAX_LEAD = 20

export const ENDS_WITH_SENTENCE = new RegExp(`(?:${SENTENCE_END.source})$`, 'u')

/** A line ending in one of these is running text, not a heading. */
export const ENDS_LIKE_BODY = /[。！？；：，、…”’）)．.!?;:,]$/u

export const LEVEL_NAMES = ['一级', '二级', '三级', '四级']

/** 一、引言 ........ 1 · 第一章　总则……3: a line of a table of contents typed into the text. */
export const TOC_LINE = /(?:\.{3,}|…{2,}|·{3,}|-{3,}|\s{3,}|\u3000{2,})\s*\d{1,4}$/u

export const BULLET = /^[•●◆◇■□▪▸►○※]\s*|^[-*]\s+/u

export const TITLE_ENDINGS = /(讲话|发言|致辞|报告|意见|通知|通报|决定|决议|方案|办法|规定|规划|纲要|总结|汇报|提纲|体会|主持词|讲稿|党课|说明|公报|倡议书|纪要|记录|条例|细则|要点|计划|函|批复|请示|公告|通告|材料|讲义|选编|汇编)$/u

export const POSITIONS = /(书记|主任|县长|市长|省长|区长|部长|局长|厅长|主席|委员|同志|秘书长|镇长|乡长|校长|院长|组长|经理|董事长)$/u

type Kind = 'paragraph' | 'heading' | 'bullet' | 'node' | 'attachment-note' | 'signature' | 'closing-date' | 'salutation' | 'document-title'

export interface Item {
  block: SourceBlock
  text: string
  kind: Kind
  level?: number
  /** Heading came from a typed ordinal (not guessed). */
  numbered?: boolean
  /** Lines joined into this paragraph (an attachments note over several lines). */
  extra?: Item[]
  /** One of a numbered series of paragraphs (一抓……二抓……): bold all together or not at all. */
  series?: boolean
}

export type Note = (block: SourceBlock, message: string, rule: string, severity?: 'warning') => void

/** Text up to and including the first sentence end (。！？ or a half-width one), or all of it. */
export function firstSentence(text: string): string {
  const end = SENTENCE_END.exec(text)
  return end ? text.slice(0, end.index + end[0].length) : text
}

/** Where a block came from: its line in a text file, or “第 N 段” in a Word file. */
export const placeOf = (block: SourceBlock): SourcePlace => block.line ?? block.where

/** The paragraph is one plain text node (no Word formatting to keep). */
export function plainText(item: Item): boolean {
  const children = item.block.children ?? []
  return children.length === 1 && children[0]!.type === 'text'
}

/** Splits inline content after `length` characters of its text: inside a text node, or between two nodes. */
export function splitChildren(children: PhrasingContent[], length: number): { head: PhrasingContent[]; tail: PhrasingContent[] } | undefined {
  let at = 0
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!
    const size = toString(child).length
    if (at + size < length) {
      at += size
      continue
    }
    // The cut falls right after this node (a bold heading run): split between nodes.
    if (at + size === length) return i + 1 < children.length ? { head: children.slice(0, i + 1), tail: children.slice(i + 1) } : undefined
    if (child.type !== 'text') return undefined
    const cut = length - at
    const head = [...children.slice(0, i), { ...child, value: child.value.slice(0, cut) } as Text]
    const rest = child.value.slice(cut).replace(/^\s+/u, '')
    const tail = [...(rest ? [{ type: 'text', value: rest } as Text] : []), ...children.slice(i + 1)]
    return tail.length ? { head, tail } : undefined
  }
  return undefined
}
