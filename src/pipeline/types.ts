import type { ArticleMatter } from '../config/schema.ts'

/** A heading of an article as the TOC, the bookmarks and the report see it. */
export interface OutlineHeading {
  id: string
  /** 1 = `##` (一、), 2 = `###` (（一）), 3 = `####` (1.), 4 = `#####` (（1）) */
  level: number
  text: string
  line?: number
}

export interface ArticleOutline {
  id: string
  title: string
  headings: OutlineHeading[]
}

declare module 'vfile' {
  interface DataMap {
    /** Path shown to the user (relative to the working folder). */
    displayPath: string
    /** Id of the article element, e.g. `art-1`; set by the build before processing. */
    articleId: string
    matter: ArticleMatter
    /** Article title from front matter or the first `#` heading. */
    title: string
    outline: ArticleOutline
    /** Set when the article was imported from .txt/.docx: Markdown line → source line. */
    imported: { lineMap: (number | string | undefined)[] }
    /** A file of the manuscript that could not be read: not typeset, its message says why. */
    unreadable: true
  }
}
