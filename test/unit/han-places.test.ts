/**
 * TP-1 lost text at its place (issue 7): the preflight names the lost characters by index, and
 * the index is traced back through the pipeline (heading numbers, punctuation fixes, tables) to
 * the article's file, line and column.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import { diagnosticAt } from '../../src/diagnostics.ts'
import { loadManuscript } from '../../src/manuscript/load-manuscript.ts'
import type { PdfPage } from '../../src/pdf/pdf-text.ts'
import { preflight } from '../../src/pdf/preflight.ts'
import { hanPlace, typesetHan } from '../../src/pipeline/han-places.ts'
import { processManuscript } from '../../src/pipeline/process-manuscript.ts'

const folders: string[] = []
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true })
})

const SPEECH = [
  '---',
  'title: 在全县党务工作会议上的讲话',
  '---',
  '',
  '## 坚持党的领导',
  '',
  '我们要坚持党的领导,加强组织建设。',
  '',
  '## 夯实基层基础',
  '',
  '| 项目 | 内容 |',
  '|---|---|',
  '| 要点 | 我们要坚持党的领导，推进全面从严治党向纵深发展 |',
  '',
  '我们要坚持党的领导，加强组织建设，把基层党组织建设得更加坚强有力。',
  '',
  '我们要坚持党的领导，加强组织建设，把基层党组织建设得更加坚强有力。',
  '',
].join('\n')

/**
 * Builds nothing: processes the manuscript folder as `build` does, "prints" its typeset Han text
 * without `lost` (the `occurrence`-th time it appears), and returns the preflight's first example
 * of lost text with the place the TP-1 diagnostic gives for it.
 */
async function placeOfLost(files: Record<string, string>, lost: string, occurrence = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'booklet-han-places-'))
  folders.push(dir)
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  const { articles } = await processManuscript(await loadManuscript(dir, dir))
  const han = typesetHan(articles)
  let at = -1
  for (let n = 0; n < occurrence; n++) at = han.indexOf(lost, at + 1)
  expect(at, `${lost} is typeset`).toBeGreaterThanOrEqual(0)
  const printed = han.slice(0, at) + han.slice(at + lost.length)
  const page: PdfPage = { width: 420, height: 595, fingerprint: '', radicals: '', rows: [], lines: [{ text: printed, y: 500, xMin: 50, xMax: 370, size: 12 }] }
  const result = await preflight({
    pdf: await (await PDFDocument.create()).save(),
    pages: [page],
    bodyStartPage: 0,
    hasCover: false,
    toc: [],
    manuscriptHan: han,
    fonts: [],
    missingFonts: [],
  })
  const check = result.checks.find((c) => c.id === 'text-complete')!
  const example = /如 (“.”（[^）]+）)/u.exec(check.problems[0]!)?.[1]
  const place = hanPlace(articles, check.lostAt![0]!)
  expect(place).toBeDefined()
  const { file, line, column } = diagnosticAt(place!.file, place!.file.data.displayPath!, place!, { message: check.problems[0]!, severity: 'error' })
  return { example, file, line, column }
}

describe('lost text at its source place (TP-1)', () => {
  it('names the article file, line and column of the first lost character, past numbered headings and fixed punctuation', async () => {
    const files = { '01-通知.md': '# 通知\n\n我们要坚持党的领导。\n', '02-讲话.md': SPEECH }
    // In the table cell, whose sentence begins like three others in the article.
    expect(await placeOfLost(files, '推进全面从严治党')).toEqual({ example: '“推”（坚持党的领导推）', file: '02-讲话.md', line: 13, column: 18 })
    // A heading's text: the typeset text has 二 (of 二、) before it, the source has not.
    expect(await placeOfLost(files, '夯实基层')).toEqual({ example: '“夯”（强组织建设二夯）', file: '02-讲话.md', line: 9, column: 4 })
  })

  it('tells apart two paragraphs with the same words by where the lost text stands', async () => {
    const files = { '讲话.md': SPEECH }
    expect(await placeOfLost(files, '把基层党组织建设得更加坚强有力', 2)).toEqual({ example: '“把”（加强组织建设把）', file: '讲话.md', line: 17, column: 18 })
  })

  it('names only the article when the lost text is not in the source (a heading number the pipeline added)', async () => {
    expect(await placeOfLost({ '讲话.md': SPEECH }, '一坚持')).toEqual({ example: '“一”（会议上的讲话一）', file: '讲话.md' })
  })

  it('gives the line of a pasted .txt speech, not of the Markdown it was turned into', async () => {
    const files = { '发言.txt': '在全县党务工作会议上的发言\n\n一、坚持党的领导\n\n我们要坚持党的领导，加强组织建设。\n\n二、推进全面从严治党\n\n推进全面从严治党向纵深发展。\n' }
    expect(await placeOfLost(files, '向纵深发展')).toEqual({ example: '“向”（全面从严治党向）', file: '发言.txt', line: 9 })
  })
})
