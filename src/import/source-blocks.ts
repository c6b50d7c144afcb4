/**
 * What an importer reads out of a plain-text or Word file before the structure is guessed: one
 * block per paragraph, with where it came from (so every guess can name its line) and whatever
 * the source already says about it (a Word heading style, a table, a footnote).
 */
import type { PhrasingContent, RootContent } from 'mdast'
import type { Official } from '../config/schema.ts'

export interface SourceBlock {
  /** 1-based line in a text file; absent for Word paragraphs. */
  line?: number
  /** How a person finds the block again: "第 12 行" or "第 12 段". */
  where: string
  /** A paragraph's inline content; the structure rules may turn it into a heading. */
  children?: PhrasingContent[]
  /** A block the source already made (table, list, footnote definition): passed through. */
  node?: RootContent
  /** The heading level a Word heading style gave it (1 = 一、). */
  styleLevel?: number
  /** Word's Title / Subtitle paragraph styles. */
  styleRole?: 'title' | 'subtitle'
  /** The text started with spaces or full-width spaces (an indented paragraph). */
  indented?: boolean
}

/** A line number of a text file, or “第 12 段” of a Word file; undefined for generated lines. */
export type SourcePlace = number | string | undefined

export interface ImportNote {
  line?: number
  message: string
  rule: string
  severity?: 'info' | 'warning'
}

/**
 * The front matter an import can fill in: the title block, and an official document's 版头 and
 * 版记 as the text says them (official-lines.ts; config/schema.ts defines each field). How the
 * 版头 stands and the 落款 is arranged (headTop, seal) is the author's to set.
 */
export interface ImportedMatter extends Partial<Omit<Official, 'headTop' | 'seal'>> {
  title: string
  subtitle?: string
  speaker?: string
  date?: string
  place?: string
  /** 资料来源：… before the title. */
  source?: string
  /** An editor's note before the title (现摘录……). */
  note?: string
  /** 发文字号 under the title. */
  docNumber?: string
  /** `keep` when the text numbers none of its headings: the booklet then adds none either. */
  numbering?: 'keep'
}

/** The source lines each front-matter field (and a dropped typed table of contents) came from. */
export type MatterLines = Partial<Record<keyof ImportedMatter | 'toc', SourcePlace[]>>

export interface ImportResult {
  markdown: string
  matter: ImportedMatter
  notes: ImportNote[]
  /** For each line of `markdown` (index 0 = line 1), the source line (or Word paragraph) it came from. */
  lineMap: SourcePlace[]
  /** Where the front matter came from in the source (the header is printed from it). */
  matterLines?: MatterLines
}
