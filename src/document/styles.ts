/** Collects a preset's CSS: role fonts, generated @page rules, then the preset's own files. */
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fontCss } from '../fonts/roles.ts'
import { pageRules, readGrid, type Grid } from './page-rules.ts'

export const STYLES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../styles')

/** Order matters: later files refine earlier ones. */
const FILES = ['grid.css', 'base.css', 'article.css', 'cover.css', 'toc.css']

export interface PresetStyles {
  css: string
  grid: Grid
}

export async function presetStyles(preset: string): Promise<PresetStyles> {
  const dir = join(STYLES_DIR, preset)
  const parts = await Promise.all(FILES.map((name) => readFile(join(dir, name), 'utf8')))
  const grid = readGrid(parts[0]!)
  return { css: [await fontCss(), pageRules(grid), ...parts].join('\n'), grid }
}
