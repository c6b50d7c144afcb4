/** Runs every article of a manuscript through the pure pipeline (shared by build and check). */
import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { toDiagnostics, type Diagnostic } from '../diagnostics.ts'
import type { Manuscript } from '../manuscript/load-manuscript.ts'
import { coverageOf, roleCoverage } from '../fonts/coverage.ts'
import { ROLES } from '../fonts/roles.ts'
import { checkImages } from '../manuscript/check-images.ts'
import type { CachedArticle } from '../build-cache.ts'
import { contentKey } from '../build-cache.ts'
import type { PresetName } from '../document/styles.ts'
import { processArticle, type ArticleOptions } from './processor.ts'
import type { ArticleOutline } from './types.ts'

export interface ProcessedArticle {
  file: VFile
  tree: Root
  outline: ArticleOutline
}

/**
 * `cache` (watch mode): articles processed before, by content; an article found there is not
 * processed again. Left holding just this manuscript's articles.
 */
export async function processManuscript(manuscript: Manuscript, cache?: Map<string, CachedArticle>, preset: PresetName = manuscript.config.preset): Promise<{ articles: ProcessedArticle[]; diagnostics: Diagnostic[] }> {
  const coverage = await fontCoverage()
  const official = manuscript.config.official ?? {}
  const officialLayout = preset === 'gongwen-a4'
  const options: ArticleOptions = { numbering: manuscript.config.numbering ?? 'auto', latinSpacing: manuscript.config.latinSpacing === 'autospace', official, officialLayout, coverage }
  const used = new Map<string, CachedArticle>()
  const articles = await Promise.all(
    manuscript.articles.filter((file) => !file.data.unreadable).map(async (file, i) => {
      const id = `art-${i + 1}`
      const key = contentKey(file.path, id, String(file.value), options.numbering!, String(options.latinSpacing), JSON.stringify(official), String(officialLayout))
      const cached = cache?.get(key)
      let tree: Root
      if (cached) {
        // A copy: later stages may add to the tree.
        tree = structuredClone(cached.tree)
        file.messages.push(...cached.messages)
        Object.assign(file.data, cached.data)
      } else {
        tree = await processArticle(file, id, options)
      }
      used.set(key, cached ?? { tree: structuredClone(tree), messages: [...file.messages], data: { ...file.data } })
      // Images are checked every time: the files may have changed, not the text.
      await checkImages(file, manuscript.root)
      return { file, tree, outline: file.data.outline as ArticleOutline }
    }),
  )
  if (cache) {
    cache.clear()
    for (const [key, article] of used) cache.set(key, article)
  }
  // Every file's messages, those that could not be read included, in the manuscript's order.
  const diagnostics = manuscript.articles.flatMap((file) => toDiagnostics(file, file.data.displayPath ?? file.path))
  return { articles, diagnostics }
}

/** Coverage of each role's font and of the fallback families (the same Noto faces the roles use). */
async function fontCoverage() {
  const roles = await roleCoverage()
  const fallbacks: Record<string, (cp: number) => boolean> = {}
  for (const role of ROLES) {
    const face = ROLES.find((r) => r.open.family === role.fallback)?.open
    if (face) fallbacks[role.fallback] = await coverageOf(face)
  }
  return { roles, fallbacks }
}
