/**
 * `booklet check`: the pure pipeline without a browser — every diagnostic of the manuscript,
 * and with `fix`, the changes written back into the Markdown after a backup copy is kept.
 */
import { copyFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Diagnostic } from './diagnostics.ts'
import { BookletError } from './errors.ts'
import { displayPath, loadManuscript } from './manuscript/load-manuscript.ts'
import { makeDirectories } from './output-files.ts'
import { applyEdits } from './pipeline/fixes.ts'
import { processManuscript } from './pipeline/process-manuscript.ts'

export interface CheckResult {
  diagnostics: Diagnostic[]
  /** Files rewritten by `fix`, with the backup kept of each. */
  fixed: { file: string; backup: string; edits: number }[]
}

export async function check(input: string, options: { fix?: boolean; cwd?: string; now?: Date } = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd()
  const manuscript = await loadManuscript(input, cwd)
  const { articles, diagnostics } = await processManuscript(manuscript)
  const fixed: CheckResult['fixed'] = []
  if (!options.fix) return { diagnostics, fixed }
  const imported = articles.find(({ file }) => file.data.imported && (file.data.edits ?? []).length > 0)
  if (imported) {
    // The fixes are edits of the generated Markdown: written into a .txt/.docx they would destroy it.
    const markdown = /\.(md|markdown)$/iu.test(imported.file.path)
    throw new BookletError(`${displayPath(imported.file.path, cwd)}：${markdown ? '按纯文本识别结构的 .md 文件（没有 # 标题）' : '导入的 .txt/.docx 文件'}不能直接修正`, {
      hint: markdown ? '请先用 booklet import 把它转成带 # 标题的 .md 稿件，再运行 booklet check --fix。' : '请先用 booklet import 转成 .md 稿件，再对 .md 运行 booklet check --fix。',
    })
  }
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')
  for (const { file } of articles) {
    const edits = file.data.edits ?? []
    if (edits.length === 0) continue
    const backupDir = join(dirname(file.path), '.booklet-backup')
    const backup = join(backupDir, `${basename(file.path)}.${stamp}.bak`)
    try {
      await makeDirectories(backupDir)
      // The backup is written first: the author's text is never only in memory.
      await copyFile(file.path, backup)
      await writeFile(file.path, applyEdits(String(file.value), edits))
    } catch (cause) {
      throw new BookletError(`无法改写 ${displayPath(file.path, cwd)}`, { hint: '请检查文件的写入权限。', cause })
    }
    fixed.push({ file: displayPath(file.path, cwd), backup: displayPath(backup, cwd), edits: edits.length })
  }
  return { diagnostics, fixed }
}
