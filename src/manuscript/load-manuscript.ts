/**
 * Turns the build's INPUT (a manuscript folder or a single `.md` file) into the booklet
 * configuration and the ordered list of article files. This is the disk-reading edge of the
 * pipeline: everything after it works on VFiles in memory.
 */
import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, join, relative, resolve } from 'node:path'
import { VFile } from 'vfile'
import * as v from 'valibot'
import { BookletConfigSchema, type BookletConfig } from '../config/schema.ts'
import { parseYamlData } from '../config/yaml-data.ts'
import { BookletError } from '../errors.ts'
import { importFile, isImportable } from '../import/import-file.ts'
import { importMarkdownText, needsStructure } from '../import/markdown-text.ts'
import type { ImportResult } from '../import/source-blocks.ts'
import { IMPORT_SOURCE, SOURCE } from '../diagnostics.ts'
import { INSTEAD_OF_PDF, SAVE_AS_DOCX } from './file-format.ts'
import { LIMITS, MISSING, fileInside, refuseOutside } from './inside-folder.ts'
import { readManuscriptText } from './read-text.ts'

export interface Manuscript {
  /** Folder that images and other assets of the manuscript are resolved against. */
  root: string
  /** `booklet.yaml`, when there is one. */
  configFile?: string
  config: BookletConfig
  articles: VFile[]
}

const CONFIG_NAMES = ['booklet.yaml', 'booklet.yml']

const defaultConfig = (): BookletConfig => v.parse(BookletConfigSchema, {})

/** Shown in messages: relative to where the user ran the command. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path)
  return rel && !rel.startsWith('..') ? rel : path
}

export async function loadManuscript(input: string, cwd = process.cwd()): Promise<Manuscript> {
  const path = resolve(cwd, input)
  const info = await stat(path).catch(() => undefined)
  if (!info) {
    throw new BookletError(`找不到稿件：${displayPath(path, cwd)}`, {
      hint: '请给出稿件文件夹，或一个 .md、.txt、.docx 文件的路径。',
    })
  }
  if (info.isDirectory()) return loadFolder(path, cwd)
  // One file named on the command line: read only if it is a regular file of a size booklet handles (issue 20).
  const refusal = await refuseOutside(dirname(path), path, limitFor(path))
  if (typeof refusal === 'string') throw new BookletError(`${displayPath(path, cwd)}：${refusal === MISSING ? '文件不存在' : refusal}`, { hint: '请给出稿件文件夹，或一个 .md、.txt、.docx 文件的路径。' })
  const ext = extname(path).toLowerCase()
  if (ext === '.md' || ext === '.markdown') {
    return { root: dirname(path), config: defaultConfig(), articles: [await readArticle(path, cwd)] }
  }
  if (isImportable(path)) {
    return { root: dirname(path), config: defaultConfig(), articles: [await importArticle(path, cwd)] }
  }
  throw new BookletError(`${displayPath(path, cwd)}：不支持的文件类型“${ext || '无扩展名'}”`, {
    hint: ext === '.doc' || ext === '.wps' ? '请在 Word 或 WPS 中“另存为”.docx 后再试。' : '稿件应为 .md、.txt 或 .docx 文件，或包含 .md 文件的文件夹。',
  })
}

async function loadFolder(folder: string, cwd: string): Promise<Manuscript> {
  const names = await readdir(folder)
  const configName = CONFIG_NAMES.find((n) => names.includes(n))
  let config: BookletConfig = defaultConfig()
  let configFile: string | undefined
  if (configName) {
    configFile = join(folder, configName)
    await fileInside(folder, configFile, displayPath(configFile, cwd), LIMITS.configBytes)
    config = await readConfig(configFile, cwd)
  }
  // resolve, not join: an absolute entry (/etc/passwd) is where it says, and refused as outside the folder.
  const files = config.articles ? config.articles.map((name) => resolve(folder, name)) : articlesInFolder(folder, names)
  const unusable = config.articles ? [] : unusableDocuments(names)
  if (files.length === 0) {
    const seen = unusable.length > 0 ? `；有 ${unusable.length} 个不能直接使用的文件：${unusable.slice(0, 5).join('、')}${unusable.length > 5 ? ' 等' : ''}` : ''
    throw new BookletError(`${displayPath(folder, cwd)}：文件夹里没有稿件（.md、.txt 或 .docx）${seen}`, {
      hint: unusable.length > 0 ? conversionAdvice(unusable) : '每篇文章一个文件；也可以在 booklet.yaml 的 articles 中列出文件。',
    })
  }
  // An article that cannot be read does not hide the others' problems: the author sees every
  // broken file of the folder in one run (the build still stops before any PDF, on the error).
  const articles: VFile[] = []
  for (const [index, file] of files.entries()) {
    // Issue 20: inside the folder once its links are followed, a regular file, not too large — before it is read.
    const refusal = await refuseOutside(folder, file, limitFor(file))
    if (typeof refusal === 'string' && config.articles && configFile) {
      const entry = config.articles[index] ?? ''
      const line = await lineOfArticleEntry(configFile, entry)
      const why = refusal === MISSING ? '不存在；请检查文件名是否写错，或把该文件放进稿件文件夹' : `${refusal}；articles 只能列出稿件文件夹里的文件`
      articles.push(unreadable(configFile, cwd, `articles 中列出的“${entry}”${why}`, line))
      continue
    }
    if (typeof refusal === 'string') {
      articles.push(unreadable(file, cwd, `${refusal}；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中`))
      continue
    }
    try {
      articles.push(isImportable(file) ? await importArticle(file, cwd) : await readArticle(file, cwd))
    } catch (error) {
      if (!(error instanceof BookletError)) throw error
      const shown = displayPath(file, cwd)
      const reason = error.message.startsWith(`${shown}：`) ? error.message.slice(shown.length + 1) : error.message
      articles.push(unreadable(file, cwd, error.hint ? `${reason}；${error.hint.replace(/。$/, '')}` : reason))
    }
  }
  // A speech still in .doc next to the others would be left out without a word: said, not typeset.
  // (A PDF beside the articles is more likely a scan or an earlier booklet than a manuscript.)
  for (const name of unusable.filter((n) => WORD_PROCESSOR.test(n))) {
    articles.push(unreadable(join(folder, name), cwd, `不会排入小册子（booklet 不能读取 ${extname(name)} 文件）；${SAVE_AS_DOCX}`, undefined, 'warning'))
  }
  return { root: folder, config, articles, ...(configFile ? { configFile } : {}) }
}

/** The size a manuscript file may have (README, 安全): a Word document holds its pictures. */
function limitFor(path: string): number {
  return /\.docx$/i.test(path) ? LIMITS.docxBytes : LIMITS.articleBytes
}

/** Documents an author may take for manuscripts, that booklet cannot read. */
const UNUSABLE = /\.(doc|wps|rtf|odt|pdf)$/i
/** Ones booklet reads once saved as .docx in Word or WPS. */
const WORD_PROCESSOR = /\.(doc|wps|rtf|odt)$/i

/**
 * The folder's .doc, .wps, .pdf … files that are not already there as a manuscript (讲话.doc
 * next to 讲话.docx or 讲话.md has been converted).
 */
function unusableDocuments(names: string[]): string[] {
  const stem = (n: string) => n.replace(/\.[^.]+$/, '').toLowerCase()
  const converted = new Set(names.filter((n) => /\.(md|markdown|txt|docx)$/i.test(n)).map(stem))
  return names.filter((n) => UNUSABLE.test(n) && !n.startsWith('.') && !n.startsWith('~$') && !converted.has(stem(n))).sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }))
}

function conversionAdvice(names: string[]): string {
  const advice = []
  if (names.some((n) => WORD_PROCESSOR.test(n))) advice.push(`.doc、.wps 等：${SAVE_AS_DOCX}`)
  if (names.some((n) => /\.pdf$/i.test(n))) advice.push(`.pdf：${INSTEAD_OF_PDF}`)
  return `${advice.join('；')}。`
}

/** A file of the manuscript that cannot be typeset, carrying the error (or warning) that says why. */
function unreadable(path: string, cwd: string, reason: string, line?: number, severity: 'error' | 'warning' = 'error'): VFile {
  const file = new VFile({ path, value: '', data: { displayPath: displayPath(path, cwd), unreadable: true } })
  const message = file.message(reason, { ...(line ? { place: { line, column: 1 } } : {}), source: SOURCE, ruleId: 'unreadable' })
  message.fatal = severity === 'error'
  return file
}

/**
 * Without a list in booklet.yaml: every .md, .txt and .docx file in name order. A speech that
 * has been imported (讲话.txt next to 讲话.md) counts once, as its Markdown, which the author
 * may have corrected.
 */
function articlesInFolder(folder: string, names: string[]): string[] {
  const stem = (n: string) => n.replace(/\.[^.]+$/, '')
  const markdown = new Set(names.filter((n) => /\.(md|markdown)$/i.test(n)).map(stem))
  return names
    .filter((n) => !/^readme\.md$/i.test(n) && !n.startsWith('.') && !n.startsWith('~$'))
    .filter((n) => /\.(md|markdown)$/i.test(n) || (isImportable(n) && !markdown.has(stem(n))))
    .sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }))
    .map((n) => join(folder, n))
}

async function readConfig(file: string, cwd: string): Promise<BookletConfig> {
  const shown = displayPath(file, cwd)
  const text = await readManuscriptText(file, shown).catch((error: unknown) => {
    // An empty booklet.yaml is allowed: all settings are optional.
    if (error instanceof BookletError && error.message.endsWith('文件是空的')) return ''
    throw error
  })
  const result = parseYamlData(text, BookletConfigSchema)
  if (result.ok) return result.value
  // Every problem at once, one per line, each with its place: the author fixes them in one go.
  const lines = result.problems.map((p) => `${p.line ? `${shown}:${p.line}${p.column ? `:${p.column}` : ''}` : shown}：${p.message}`)
  throw new BookletError(lines.length > 0 ? lines.join('\n') : `${shown}：设置有误`, {
    file,
    hint: 'booklet.yaml 可用的设置项：title、subtitle、publisher、date、notice、preset、numbering、latinSpacing、official、articles；official 下可写 format、issuer、mark、headTop、seal、signers、copyNumber、secrecy、urgency、remarks、keywords、cc、printer、printDate、present、absent、attending（见 README）。',
  })
}

async function lineOfArticleEntry(configFile: string, name: string): Promise<number | undefined> {
  const text = await readManuscriptText(configFile, configFile)
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const entry = new RegExp(`^\\s*-\\s*["']?${escaped}["']?\\s*(#.*)?$`)
  const index = text.split(/\r?\n/).findIndex((line) => entry.test(line))
  return index >= 0 ? index + 1 : undefined
}

/**
 * A pasted speech (.txt) or a Word file imported on the fly. The importer's guesses become
 * messages at their source lines; `lineMap` lets later diagnostics point into the source too.
 */
export async function importArticle(path: string, cwd: string): Promise<VFile> {
  const shown = displayPath(path, cwd)
  return importedFile(path, shown, await importFile(path, shown))
}

function importedFile(path: string, shown: string, result: ImportResult): VFile {
  const file = new VFile({ path, value: result.markdown, data: { displayPath: shown, imported: { lineMap: result.lineMap } } })
  for (const note of result.notes) {
    const message = file.message(note.message, { ...(note.line ? { place: { line: note.line, column: 1 } } : {}), source: IMPORT_SOURCE, ruleId: note.rule })
    message.fatal = note.severity === 'warning' ? false : undefined
  }
  return file
}

/**
 * A Markdown article. One with no `#` heading but with 公文 numbered lines (a speech saved as
 * .md) is structured as a .txt would be, and says so (issue 17).
 */
async function readArticle(path: string, cwd: string): Promise<VFile> {
  const shown = displayPath(path, cwd)
  const value = await readManuscriptText(path, shown)
  if (!needsStructure(value)) return new VFile({ path, value, data: { displayPath: shown } })
  const result = importMarkdownText(value, basename(path, extname(path)))
  const note = {
    line: 1,
    message: '这个 .md 文件没有用 # 标出标题，但有“一、”“（一）”这样的编号：按纯文本稿件识别了标题和层级（见下面各条）。要自己决定，请用 # 标出标题',
    rule: 'import-markdown',
  }
  return importedFile(path, shown, { ...result, notes: [note, ...result.notes] })
}
