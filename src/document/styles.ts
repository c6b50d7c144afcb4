/** Collects a preset's CSS: role fonts, generated @page rules, then the preset's own files. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fontCss } from '../fonts/roles.ts'
import { PROJECT_ROOT } from '../project-root.ts'
import { pageRules, readGrid, type Grid } from './page-rules.ts'

export const STYLES_DIR = join(PROJECT_ROOT, 'styles')

/**
 * Each preset: its grid (first), the shared body and article styles, then its own files, which
 * refine the shared ones (later rules win). `frontMatter`: a cover and a 目录 before the articles.
 * `articlesOpenRight`: every article opens a right-hand page (EL-6), so articles can be laid out
 * apart (issue 6); in an official document an attachment opens just the next page.
 */
export const PRESET_LAYOUTS = {
  'a5-booklet': { files: ['a5-booklet/grid.css', 'common/base.css', 'common/article.css', 'a5-booklet/cover.css', 'a5-booklet/toc.css'], frontMatter: true, articlesOpenRight: true },
  'gongwen-a4': { files: ['gongwen-a4/grid.css', 'common/base.css', 'common/article.css', 'gongwen-a4/gongwen.css'], frontMatter: false, articlesOpenRight: false },
} as const

export type PresetName = keyof typeof PRESET_LAYOUTS

export interface PresetStyles {
  /** The @font-face rules (300 of them, 340 KB): kept apart, so Paged.js need not parse them. */
  fontCss: string
  css: string
  grid: Grid
  /** Cover and 目录 before the articles (the booklet), or the articles alone (an official document). */
  frontMatter: boolean
  articlesOpenRight: boolean
}

export async function presetStyles(preset: PresetName): Promise<PresetStyles> {
  const layout = PRESET_LAYOUTS[preset]
  const parts = await Promise.all(layout.files.map((name) => readFile(join(STYLES_DIR, name), 'utf8')))
  const grid = readGrid(parts[0]!)
  return { fontCss: await fontCss(), css: [pageRules(grid), ...parts].join('\n'), grid, frontMatter: layout.frontMatter, articlesOpenRight: layout.articlesOpenRight }
}
