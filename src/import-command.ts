/**
 * `booklet import FILE [-o OUT.md]`: a .txt or .docx speech (or a .md one without # headings) →
 * a Markdown manuscript file, with
 * every guess listed by line so the author can check it. An existing file is never overwritten
 * unless asked (`--force`), and then only after a backup copy is kept.
 */
import { copyFile, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Diagnostic } from './diagnostics.ts'
import { BookletError } from './errors.ts'
import { importFile, importMarkdownFile, isImportable } from './import/import-file.ts'
import { displayPath } from './manuscript/load-manuscript.ts'
import { ensureOutputDir, makeDirectories, writeAtomically } from './output-files.ts'

export interface ImportCommandResult {
  written: string
  backup?: string
  headings: number
  diagnostics: Diagnostic[]
}

export async function importToMarkdown(input: string, options: { out?: string; force?: boolean; cwd?: string; now?: Date } = {}): Promise<ImportCommandResult> {
  const cwd = options.cwd ?? process.cwd()
  const source = resolve(cwd, input)
  const shown = displayPath(source, cwd)
  const markdown = /\.(md|markdown)$/iu.test(source)
  if (!isImportable(source) && !markdown) {
    throw new BookletError(`${shown}：只能导入 .txt、.docx 文件，或没有 # 标题的 .md 文件`, {
      hint: /\.(doc|wps)$/i.test(source) ? '请在 Word 或 WPS 中“另存为”.docx 后再试。' : undefined,
    })
  }
  // A .md speech without # headings is written next to itself: the original stays as it is.
  const target = resolve(cwd, options.out ?? source.replace(/\.[^.]+$/, markdown ? '-导入.md' : '.md'))
  const targetShown = displayPath(target, cwd)
  if (!/\.(md|markdown)$/i.test(target)) {
    throw new BookletError(`${targetShown}：导入的结果是 Markdown 稿件，输出文件名应以 .md 结尾`, { hint: `例如：-o ${targetShown.replace(/\.[^./\\]*$/, '')}.md` })
  }
  const result = markdown ? await importMarkdownFile(source, shown) : await importFile(source, shown)
  let backup: string | undefined
  if (await stat(target).catch(() => undefined)) {
    if (!options.force) {
      throw new BookletError(`${targetShown} 已存在，没有覆盖`, { hint: '用 -o 另指定一个文件名；确要覆盖时加 --force（会先备份原文件）。' })
    }
    const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')
    backup = join(dirname(target), '.booklet-backup', `${basename(target)}.${stamp}.bak`)
    await makeDirectories(dirname(backup))
    await copyFile(target, backup)
  }
  await ensureOutputDir(dirname(target), displayPath(dirname(target), cwd))
  await writeAtomically(target, result.markdown, targetShown)
  const diagnostics: Diagnostic[] = result.notes.map((note) => ({
    file: shown,
    ...(note.line ? { line: note.line } : {}),
    message: note.message,
    rule: note.rule,
    severity: note.severity ?? 'info',
  }))
  return { written: targetShown, ...(backup ? { backup: displayPath(backup, cwd) } : {}), headings: result.markdown.split('\n').filter((l) => /^#{2,6} /.test(l)).length, diagnostics }
}
