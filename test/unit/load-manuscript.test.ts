import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { BookletConfigSchema } from '../../src/config/schema.ts'
import { BookletError } from '../../src/errors.ts'
import { displayPath, loadManuscript, type Manuscript } from '../../src/manuscript/load-manuscript.ts'
import { encode } from '../helpers/encode-text.ts'
import { makeDocx } from '../helpers/make-docx.ts'
import { makePng } from '../helpers/make-png.ts'

/** The settings a manuscript gets when booklet.yaml is missing or leaves them out. */
const DEFAULTS = v.parse(BookletConfigSchema, {})

const made: string[] = []

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** A fresh temp folder holding `files` (text or raw bytes). */
async function folder(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'booklet-unit-'))
  made.push(dir)
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true })
    await writeFile(join(dir, name), content)
  }
  return dir
}

async function failure(promise: Promise<unknown>): Promise<BookletError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BookletError)
  return error as BookletError
}

const names = (m: { articles: { path: string }[] }) => m.articles.map((f) => basename(f.path))

/** The files of a manuscript that could not be read: [shown path, line, message]. */
const problems = (m: Manuscript) =>
  m.articles.filter((f) => f.data.unreadable).map((f) => [f.data.displayPath, f.messages[0]!.line, f.messages[0]!.reason] as const)

describe('loadManuscript: a folder without booklet.yaml', () => {
  it('takes the .md files in natural name order (2 before 10)', async () => {
    const dir = await folder({ '10-end.md': '# 十\n', '2-middle.md': '# 二\n', '1-start.md': '# 一\n', 'notes.markdown': '# 注\n' })
    const manuscript = await loadManuscript(dir, dir)
    expect(names(manuscript)).toEqual(['1-start.md', '2-middle.md', '10-end.md', 'notes.markdown'])
    expect(manuscript.root).toBe(dir)
    expect(manuscript.config).toEqual(DEFAULTS)
    expect(manuscript.configFile).toBeUndefined()
  })

  it('takes .md, .txt and .docx files in name order, leaving out README.md, other files and speeches already imported', async () => {
    const dir = await folder({ 'README.md': '# 说明\n', 'a.md': '# 甲\n', 'b.txt': '乙\n正文。', 'b.md': '# 乙\n', 'c.txt': '丙\n正文。', 'd.png': 'x', '~$e.docx': 'x' })
    expect(names(await loadManuscript(dir, dir))).toEqual(['a.md', 'b.md', 'c.txt'])
  })

  it('reads the text as UTF-8 (BOM removed) and records the display path relative to cwd', async () => {
    const dir = await folder({ 'a.md': '\uFEFF# 讲话\n' })
    const [file] = (await loadManuscript(dir, dir)).articles
    expect(String(file!.value)).toBe('# 讲话\n')
    expect(file!.data.displayPath).toBe('a.md')
  })

  it('fails clearly when the folder has no manuscript file', async () => {
    const dir = await folder({ 'a.png': 'x' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toContain('文件夹里没有稿件（.md、.txt 或 .docx）')
  })

  it('names the .doc, .wps and .pdf files of a folder without manuscripts, and says how to convert them', async () => {
    const dir = await folder({ '讲话.doc': 'x', '通知.wps': 'x', '汇编.pdf': 'x', 'a.png': 'x', '~$讲话.doc': 'x' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toBe(`${dir}：文件夹里没有稿件（.md、.txt 或 .docx）；有 3 个不能直接使用的文件：汇编.pdf、讲话.doc、通知.wps`)
    expect(error.hint).toBe('.doc、.wps 等：请在 Word 或 WPS 中打开，“另存为”.docx 后再试；.pdf：请用原来的 Word/WPS 文件（“另存为”.docx），或把文字复制到 .txt 稿件中。')
  })

  it('warns about a .doc or .wps left beside the articles, unless it has been converted; not about a PDF', async () => {
    const dir = await folder({ 'a.md': '# 甲\n', 'b.doc': 'x', 'c.wps': 'x', 'a.doc': 'x', 'd.docx': await makeDocx(['丁']), 'd.doc': 'x', 'scan.pdf': 'x' })
    const manuscript = await loadManuscript(dir, dir)
    expect(problems(manuscript)).toEqual([
      ['b.doc', undefined, '不会排入小册子（booklet 不能读取 .doc 文件）；请在 Word 或 WPS 中打开，“另存为”.docx 后再试'],
      ['c.wps', undefined, '不会排入小册子（booklet 不能读取 .wps 文件）；请在 Word 或 WPS 中打开，“另存为”.docx 后再试'],
    ])
    expect(manuscript.articles.filter((a) => a.data.unreadable).every((a) => a.messages[0]!.fatal === false)).toBe(true)
  })

  it('does not warn about other files when booklet.yaml lists the articles', async () => {
    const dir = await folder({ 'booklet.yaml': 'articles:\n  - a.md\n', 'a.md': '# 甲\n', 'b.doc': 'x' })
    expect(problems(await loadManuscript(dir, dir))).toEqual([])
  })
})

describe('loadManuscript: a folder with booklet.yaml', () => {
  it('reads the config and respects the order of articles', async () => {
    const dir = await folder({
      'booklet.yaml': 'title: 学习资料\ndate: 2026-11\narticles:\n  - b.md\n  - sub/a.md\n',
      'a.md': '# 不在列表里\n',
      'b.md': '# 乙\n',
      'sub/a.md': '# 甲\n',
    })
    const manuscript = await loadManuscript(dir, dir)
    expect(manuscript.config).toEqual({ title: '学习资料', date: '2026-11', ...DEFAULTS, articles: ['b.md', 'sub/a.md'] })
    expect(manuscript.configFile).toBe(join(dir, 'booklet.yaml'))
    expect(manuscript.articles.map((f) => f.data.displayPath)).toEqual(['b.md', join('sub', 'a.md')])
  })

  it('also finds booklet.yml', async () => {
    const dir = await folder({ 'booklet.yml': 'title: 资料\n', 'a.md': '# 甲\n' })
    expect((await loadManuscript(dir, dir)).config.title).toBe('资料')
  })

  it('accepts an empty booklet.yaml and then scans the folder', async () => {
    const dir = await folder({ 'booklet.yaml': '', 'b.md': '# 乙\n', 'a.md': '# 甲\n' })
    const manuscript = await loadManuscript(dir, dir)
    expect(manuscript.config).toEqual(DEFAULTS)
    expect(names(manuscript)).toEqual(['a.md', 'b.md'])
  })

  it('names booklet.yaml and the line of an article that does not exist, and still reads the others', async () => {
    const dir = await folder({ 'booklet.yaml': 'title: 资料\narticles:\n  - missing.md\n  - a.md\n', 'a.md': '# 甲\n' })
    const manuscript = await loadManuscript(dir, dir)
    expect(problems(manuscript)).toEqual([['booklet.yaml', 3, 'articles 中列出的“missing.md”不存在；请检查文件名是否写错，或把该文件放进稿件文件夹']])
    expect(String(manuscript.articles[1]!.value)).toBe('# 甲\n')
  })

  it('points at the right line when the missing name is part of another listed name', async () => {
    const dir = await folder({ 'booklet.yaml': 'articles:\n  - 11.md\n  - 1.md\n', '11.md': '# 十一\n' })
    expect(problems(await loadManuscript(dir, dir))).toEqual([['booklet.yaml', 3, expect.stringContaining('“1.md”不存在')]])
  })

  it('reports an unknown setting with file, line and column', async () => {
    const dir = await folder({ 'booklet.yaml': 'title: 资料\nauthor: 某\n', 'a.md': '# 甲\n' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toBe('booklet.yaml:2:1：author：不认识的设置项')
    expect(error.hint).toContain('title')
  })

  it('reports every unknown setting at once, one line each with its place', async () => {
    const dir = await folder({ 'booklet.yaml': 'title: 资料\ntitel: x\nauthor: 某\n', 'a.md': '# 甲\n' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toBe('booklet.yaml:2:1：titel：不认识的设置项\nbooklet.yaml:3:1：author：不认识的设置项')
  })

  it('reports a YAML syntax error in booklet.yaml with its line', async () => {
    const dir = await folder({ 'booklet.yaml': 'title: 资料\ntitle: 又一个\n', 'a.md': '# 甲\n' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toMatch(/^booklet\.yaml:2:1：YAML 格式错误/)
  })
})

describe('loadManuscript: unreadable articles in a folder', () => {
  it('marks an empty .md file, naming it', async () => {
    const dir = await folder({ 'a.md': '# 甲\n', 'empty.md': '' })
    expect(problems(await loadManuscript(dir, dir))).toEqual([['empty.md', undefined, '文件是空的；请在文件中写入文章内容后再生成']])
  })

  it('marks a .md file with only whitespace', async () => {
    const dir = await folder({ 'blank.md': ' \n\n\t\n' })
    expect(problems(await loadManuscript(dir, dir))).toEqual([['blank.md', undefined, expect.stringMatching(/^文件是空的/)]])
  })

  it('marks a binary file (NUL bytes)', async () => {
    const dir = await folder({ 'a.md': new Uint8Array([0x23, 0x20, 0xe7, 0x94, 0xb2, 0x00, 0x00, 0x01, 0x0a]) })
    expect(problems(await loadManuscript(dir, dir))).toEqual([['a.md', undefined, expect.stringContaining('二进制')]])
  })

  it('marks GBK bytes with a message mentioning UTF-8', async () => {
    // “讲话” in GBK: D6 B2 BB B0 — invalid as UTF-8.
    const dir = await folder({ 'gbk.md': new Uint8Array([0x23, 0x20, 0xd6, 0xb2, 0xbb, 0xb0, 0x0a]) })
    expect(problems(await loadManuscript(dir, dir))).toEqual([['gbk.md', undefined, '文件不是 UTF-8 编码；请用记事本或编辑器“另存为”UTF-8 编码后再试']])
  })

  it('reads every other article of the folder, in order, when some cannot be read', async () => {
    const dir = await folder({
      '1.md': '# 一\n',
      '2.md': new Uint8Array([0x23, 0x20, 0xd6, 0xb2, 0xbb, 0xb0, 0x0a]),
      '3.docx': '这不是 Word 文件',
      '4.md': '# 四\n',
      '5.txt': '',
    })
    const manuscript = await loadManuscript(dir, dir)
    expect(names(manuscript)).toEqual(['1.md', '2.md', '3.docx', '4.md', '5.txt'])
    expect(problems(manuscript).map(([file]) => file)).toEqual(['2.md', '3.docx', '5.txt'])
    expect(manuscript.articles.filter((a) => !a.data.unreadable).map((a) => String(a.value))).toEqual(['# 一\n', '# 四\n'])
  })

  it('still stops at a booklet.yaml that cannot be read: without it the articles are not known', async () => {
    const dir = await folder({ 'booklet.yaml': new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0xd6, 0xb2, 0xbb, 0xb0, 0x0a]), 'a.md': '# 甲\n' })
    const error = await failure(loadManuscript(dir, dir))
    expect(error.message).toContain('booklet.yaml')
    expect(error.message).toContain('UTF-8')
  })
})

describe('loadManuscript: a single file or a bad path', () => {
  it('takes a single .md file as a one-article booklet', async () => {
    const dir = await folder({ 'speech.md': '# 讲话\n' })
    const manuscript = await loadManuscript('speech.md', dir)
    expect(names(manuscript)).toEqual(['speech.md'])
    expect(manuscript.root).toBe(dir)
    expect(manuscript.config).toEqual(DEFAULTS)
  })

  it('imports a .txt speech on the fly, with the guesses as messages at their lines and a line map', async () => {
    const dir = await folder({ 'speech.txt': '讲话\n\n坚持党的领导\n正文很长，有句号。\n' })
    const { articles } = await loadManuscript('speech.txt', dir)
    // The text numbers no heading, so the booklet adds none (issue 17): numbering: keep.
    expect(String(articles[0]!.value)).toBe('---\ntitle: 讲话\nnumbering: keep\n---\n\n## 坚持党的领导\n\n正文很长，有句号。\n')
    expect(articles[0]!.messages.map((m) => [m.line, m.ruleId, m.source])).toEqual([
      [1, 'import-title', 'booklet-import'],
      [3, 'import-heading', 'booklet-import'],
      [3, 'import-numbering', 'booklet-import'],
    ])
    expect(articles[0]!.data.imported?.lineMap[5]).toBe(3)
  })

  it('imports .txt and .docx articles listed in booklet.yaml', async () => {
    const dir = await folder({ 'booklet.yaml': 'articles:\n  - a.txt\n  - b.md\n', 'a.txt': '甲\n正文。', 'b.md': '# 乙\n' })
    const { articles } = await loadManuscript('.', dir)
    expect(articles.map((a) => String(a.value).split('\n')[1])).toEqual(['title: 甲', ''])
  })

  it('refuses empty, binary and undecodable text, a damaged .docx and an old .doc, naming the file', async () => {
    const junk = new Uint8Array(Array.from({ length: 400 }, (_, i) => (i * 37) % 256))
    const dir = await folder({ 'empty.txt': '  \n', 'junk.txt': junk, 'bad.docx': '这不是 Word 文件', 'old.doc': 'x', 'spaces.txt': '\u3000\u3000\n' })
    expect((await failure(loadManuscript('empty.txt', dir))).message).toBe('empty.txt：文件是空的')
    expect((await failure(loadManuscript('spaces.txt', dir))).message).toBe('spaces.txt：文件中没有文字')
    const binary = await failure(loadManuscript('junk.txt', dir))
    expect(binary.message).toContain('junk.txt：无法识别的文字编码，或不是文本文件')
    expect(binary.hint).toContain('UTF-8')
    expect((await failure(loadManuscript('bad.docx', dir))).message).toContain('bad.docx：不是 Word 2007 及以后的 .docx 文件')
    expect((await failure(loadManuscript('old.doc', dir))).hint).toContain('另存为”.docx')
  })

  it('names what a file really is when it is a Word document, a PDF or a picture under another name', async () => {
    const word = await makeDocx(['讲话', '正文。'])
    const dir = await folder({ 'speech.md': word, 'speech.txt': word, 'scan.docx': '%PDF-1.7\n%\xe2\xe3\n', 'photo.md': makePng(4, 4) })
    for (const name of ['speech.md', 'speech.txt']) {
      const error = await failure(loadManuscript(name, dir))
      expect(error.message).toBe(`${name}：这不是文本文件，而是 Word 文档（.docx）`)
      expect(error.hint).toBe('请把扩展名改回 .docx，booklet 可以直接读取 Word 文档。')
    }
    expect((await failure(loadManuscript('scan.docx', dir))).message).toBe('scan.docx：不是 .docx 文件，而是 PDF 文件')
    expect((await failure(loadManuscript('photo.md', dir))).hint).toContain('![说明](图片文件名)')
  })

  it('refuses a Shift_JIS .txt (which GBK would read as garbled Chinese), naming the file, and still reads a GBK speech', async () => {
    const speech = '在全县经济工作会议上的讲话\n\n同志们：\n今天召开会议，主要任务是总结工作、部署任务。\n'
    const dir = await folder({ 'jp.txt': encode('shift_jis', '日本語の文章です。\n'), 'gbk.txt': encode('gbk', speech) })
    const error = await failure(loadManuscript('jp.txt', dir))
    expect(error.message).toBe('jp.txt：无法识别的文字编码，或不是文本文件（看起来是日文 Shift_JIS 编码）')
    expect(error.hint).toContain('UTF-8')
    const { articles } = await loadManuscript('gbk.txt', dir)
    expect(String(articles[0]!.value)).toContain('title: 在全县经济工作会议上的讲话')
  })

  it('gives a clear error for another file type', async () => {
    const dir = await folder({ 'photo.png': 'x', 'noext': 'x' })
    expect((await failure(loadManuscript('photo.png', dir))).message).toContain('不支持的文件类型“.png”')
    expect((await failure(loadManuscript('noext', dir))).message).toContain('无扩展名')
  })

  it('gives a clear error for a path that does not exist', async () => {
    const dir = await folder({})
    const error = await failure(loadManuscript('nowhere/稿件', dir))
    expect(error.message).toBe(`找不到稿件：${join('nowhere', '稿件')}`)
    expect(error.hint).toBeTruthy()
  })
})

describe('displayPath', () => {
  it('is relative inside cwd and absolute outside it', () => {
    expect(displayPath('/work/m/a.md', '/work')).toBe(join('m', 'a.md'))
    expect(displayPath('/other/a.md', '/work')).toBe('/other/a.md')
  })
})
