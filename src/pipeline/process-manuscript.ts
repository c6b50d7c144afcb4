/** Runs every article of a manuscript through the pure pipeline (shared by build and check). */
import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { toDiagnostics, type Diagnostic } from '../diagnostics.ts'
import type { Manuscript } from '../manuscript/load-manuscript.ts'
import { coverageOf, roleCoverage } from '../fonts/coverage.ts'
import { ROLES } from '../fonts/roles.ts'
import { checkImages } from '../manuscript/check-images.ts'
import { processArticle } from './processor.ts'
import type { ArticleOutline } from './types.ts'

export interface ProcessedArticle {
  file: VFile
  tree: Root
  outline: ArticleOutline
}

export async function processManuscript(manuscript: Manuscript): Promise<{ articles: ProcessedArticle[]; diagnostics: Diagnostic[] }> {
  const coverage = await fontCoverage()
  const articles = await Promise.all(
    manuscript.articles.map(async (file, i) => {
      const tree = await processArticle(file, `art-${i + 1}`, { numbering: manuscript.config.numbering ?? 'auto', latinSpacing: manuscript.config.latinSpacing === 'autospace', coverage })
      await checkImages(file, manuscript.root)
      return { file, tree, outline: file.data.outline as ArticleOutline }
    }),
  )
  const diagnostics = articles.flatMap(({ file }) => toDiagnostics(file, file.data.displayPath ?? file.path))
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
