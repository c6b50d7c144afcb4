/**
 * The `booklet` command as a user runs it: exit codes, Chinese messages that name the file and
 * line, no stack traces, and no output written when the build fails.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { makeDocx } from '../helpers/make-docx.ts'

const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/booklet.mjs')
const run = promisify(execFile)

async function booklet(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-cli-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

const ARTICLE = '---\ntitle: 一篇文章\nspeaker: 张三\n---\n\n## 一、第一部分\n\n正文内容，用于测试。\n'

describe('booklet --version', () => {
  it('prints the version of the package, and exits 0', async () => {
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
    for (const flag of ['--version', '-V']) expect(await booklet([flag], root)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })
})

describe('booklet build (command line)', () => {
  it('builds one .md file into the given folder and reports it as JSON', async () => {
    const dir = workspace({ 'one-article.md': ARTICLE })
    const result = await booklet(['build', 'one-article.md', '--out', 'x', '--json'], dir)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.ok).toBe(true)
    expect(report.title).toBe('一篇文章')
    expect(report.articles[0].headings[0]).toMatchObject({ text: '一、第一部分', folio: 1 })
    expect(readFileSync(join(dir, 'x/booklet.pdf')).subarray(0, 5).toString()).toBe('%PDF-')
    expect(existsSync(join(dir, 'x/booklet.html'))).toBe(true)
  })

  it('names the file and line of invalid front matter, exits 1 and writes nothing', async () => {
    const dir = workspace({ 'a.md': '---\ntitle: [没有闭合\n---\n\n正文\n' })
    const result = await booklet(['build', 'a.md', '--out', 'out'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^a\.md:2:\d+ +错误：前置信息/m)
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/)
    expect(existsSync(join(dir, 'out/booklet.pdf'))).toBe(false)
  })

  it('names booklet.yaml and the line of an unknown setting', async () => {
    const dir = workspace({ 'm/booklet.yaml': 'title: 汇编\ncolour: red\n', 'm/a.md': ARTICLE })
    const result = await booklet(['build', 'm'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('m/booklet.yaml:2:1：colour：不认识的设置项')
  })

  it('names an article listed in booklet.yaml that does not exist', async () => {
    const dir = workspace({ 'm/booklet.yaml': 'articles:\n  - a.md\n  - missing.md\n', 'm/a.md': ARTICLE })
    const result = await booklet(['build', 'm'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('m/booklet.yaml:3:1  错误：articles 中列出的“missing.md”不存在')
  })

  it('says which browsers it tried when none can be found', async () => {
    const dir = workspace({ 'a.md': ARTICLE })
    const result = await booklet(['build', 'a.md', '--browser', '/nonexistent/chrome'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('--browser 指定的浏览器不存在或无法运行：/nonexistent/chrome')
    expect(existsSync(join(dir, 'dist')), 'no empty output folder').toBe(false)
  })

  it('keeps the previous booklet when a build fails', async () => {
    const dir = workspace({ 'a.md': ARTICLE })
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist/booklet.pdf'), 'previous booklet')
    writeFileSync(join(dir, 'a.md'), '---\ntitle: [\n---\n')
    const result = await booklet(['build', 'a.md'], dir)
    expect(result.code).toBe(1)
    expect(readFileSync(join(dir, 'dist/booklet.pdf'), 'utf8')).toBe('previous booklet')
  })

  it('answers a missing manuscript and an unknown option in Chinese with a non-zero exit', async () => {
    const dir = workspace({})
    const missing = await booklet(['build', 'nowhere'], dir)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('找不到稿件：nowhere')
    const unknown = await booklet(['build', '--colour'], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('booklet --help')
  })

  it('answers a usage mistake with JSON on stdout too when --json is given, exit 2', async () => {
    const dir = workspace({})
    const result = await booklet(['build', 'manuscript', '--json', '--timeout', 'abc'], dir)
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { message: '选项 --timeout 的值“abc”无效：应为正数（秒）', hint: '用 booklet --help 查看用法' } })
    expect(result.stderr).toMatch(/^错误：选项 --timeout/)
  })
})

describe('booklet check', () => {
  it('lists numbering fixes as file:line:col  message  [rule] and exits 0 when there is no error', async () => {
    const dir = workspace({ 'a.md': '# 讲话\n\n## 坚持党的领导\n\n正文。\n\n## 二、聚焦中心\n\n## 加强领导\n' })
    const result = await booklet(['check', 'a.md'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('a.md:3:1  提示：标题补上编号“一、”（同级标题的编号都在各自的位置上）  [EL-18]')
    expect(result.stdout).toContain('a.md:9:1  提示：标题补上编号“三、”（同级标题的编号都在各自的位置上）  [EL-18]')
  })

  it('reports every broken article of a folder in one run, with the other articles\' problems, and exits 1', async () => {
    const dir = workspace({ '1.md': '# 一\n\n## 坚持党的领导\n', '2.md': '', '3.md': '---\ntitle: 三\n\n正文。\n', '4.md': '# 四\n\n正文,内容。\n' })
    writeFileSync(join(dir, '5.md'), Buffer.from([0x23, 0x20, 0xd6, 0xb2, 0xbb, 0xb0, 0x0a]))
    const result = await booklet(['check', '.'], dir)
    expect(result.code).toBe(1)
    expect(result.stdout.trimEnd().split('\n').map((line) => line.split(/[: ]/)[0])).toEqual(['1.md', '2.md', '3.md', '4.md', '5.md', '共'])
    expect(result.stdout).toMatch(/^共 5 条：错误 3/m)
  })

  it('exits 1 on an error', async () => {
    const dir = workspace({ 'a.md': '---\ntitle: [\n---\n正文\n' })
    expect((await booklet(['check', 'a.md'], dir)).code).toBe(1)
  })

  it('--fix writes the fixes back after keeping a byte-identical backup, and changes nothing else', async () => {
    // numbering: renumber asks for every number to be set afresh, the repeated 二、 too (issue 17).
    const original = '---\nnumbering: renumber\n---\n# 讲话\n\n## 坚持党的领导\n\n正文，*不动*。\n\n## 二、聚焦中心\n\n## 二、加强领导\n'
    const dir = workspace({ 'a.md': original })
    const result = await booklet(['check', 'a.md', '--fix'], dir)
    expect(result.code).toBe(0)
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toBe(original.replace('## 坚持', '## 一、坚持').replace('## 二、加强', '## 三、加强'))
    const backup = /原稿备份在 (\S+)/.exec(result.stdout)?.[1]
    expect(backup).toBeDefined()
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe(original)
    const again = await booklet(['check', 'a.md', '--fix'], dir)
    expect(again.stdout).not.toContain('已改写')
  })
})

describe('booklet import and building a .txt or .docx', () => {
  const speech = join(root, 'test/fixtures/import/party-work-meeting-speech.txt')
  const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })

  it('import writes Markdown, reports each guess at its line, and never overwrites without --force', async () => {
    const dir = workspace({})
    writeFileSync(join(dir, 'speech.txt'), readFileSync(speech))
    const result = await booklet(['import', 'speech.txt'], dir)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toContain('speech.txt:7  提示：没有编号，但像标题（短、无句末标点、后接正文），后面的同级标题从“二、”编起，当作一级标题：坚持党的领导')
    // Routine fixes are counted, not listed (issue 17); --verbose lists them.
    expect(result.stderr).not.toContain('[import-lead]')
    expect(result.stderr).toMatch(/另有 \d+ 处例行处理没有逐条列出（引领句加粗 11/)
    const verbose = await booklet(['import', 'speech.txt', '-o', 'verbose.md', '--verbose'], dir)
    expect(verbose.stderr).toContain('speech.txt:9  提示：段首短句与相邻段落并列，加粗为引领句：要旗帜鲜明讲政治。  [import-lead]')
    expect(result.stderr).toContain('已写出 speech.md，共 3 个标题')
    // The manuscript/ sample is exactly what the importer makes of the speech.
    expect(readFileSync(join(dir, 'speech.md'), 'utf8')).toBe(readFileSync(join(root, 'manuscript/01-party-work-meeting-speech.md'), 'utf8'))

    writeFileSync(join(dir, 'speech.md'), '我的修改')
    const again = await booklet(['import', 'speech.txt'], dir)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('speech.md 已存在，没有覆盖')
    expect(readFileSync(join(dir, 'speech.md'), 'utf8')).toBe('我的修改')
    const forced = await booklet(['import', 'speech.txt', '-o', 'speech.md', '--force'], dir)
    expect(forced.code).toBe(0)
    const backup = /原文件备份在 (\S+?)）/.exec(forced.stderr)?.[1]
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('我的修改')
  })

  it('check on a .txt points at the lines of the text, and --fix refuses to write into it', async () => {
    const dir = workspace({})
    writeFileSync(join(dir, 'speech.txt'), readFileSync(speech))
    const checked = await booklet(['check', 'speech.txt'], dir)
    expect(checked.stdout).toContain('speech.txt:19  提示：标题补上编号“三、”（同级标题的编号都在各自的位置上）  [EL-18]')
    const fix = await booklet(['check', 'speech.txt', '--fix'], dir)
    expect(fix.code).toBe(1)
    expect(fix.stderr).toContain('导入的 .txt/.docx 文件不能直接修正')
    expect(readFileSync(join(dir, 'speech.txt'))).toEqual(readFileSync(speech))
  })

  it('a booklet made from the .txt (GBK, CRLF) is the booklet made from the Markdown manuscript', async () => {
    const dir = workspace({})
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', speech])
    writeFileSync(join(dir, 'speech.txt'), Buffer.from(gbk.toString('binary').replace(/\n/g, '\r\n'), 'binary'))
    const config = readFileSync(join(root, 'manuscript/booklet.yaml'), 'utf8').replace(/articles:[\s\S]*$/, 'articles:\n  - speech.txt\n')
    writeFileSync(join(dir, 'booklet.yaml'), config)
    const fromTxt = await booklet(['build', '.', '--out', 't', '--json'], dir)
    expect(fromTxt.code, fromTxt.stderr).toBe(0)
    const fromMd = await booklet(['build', join(root, 'manuscript'), '--out', 'm', '--json'], dir)
    expect(fromMd.code).toBe(0)
    expect(pdfText(join(dir, 't/booklet.pdf'))).toBe(pdfText(join(dir, 'm/booklet.pdf')))
    const headings = (json: string) => JSON.parse(json).articles.map((a: { headings: unknown }) => a.headings)
    expect(headings(fromTxt.stdout)).toEqual(headings(fromMd.stdout))
  })

  it('builds a .docx on the fly and imports it to Markdown', async () => {
    const dir = workspace({})
    const paragraphs = readFileSync(speech, 'utf8').split('\n').filter((l) => l.trim() !== '')
    writeFileSync(join(dir, 'speech.docx'), await makeDocx(paragraphs))
    const built = await booklet(['build', 'speech.docx', '--out', 'd'], dir)
    expect(built.code, built.stderr).toBe(0)
    expect(built.stderr).toContain('speech.docx  提示：第 6 段：没有编号，但像标题')
    // The pipeline's own messages name the Word paragraph too.
    expect(built.stderr).toMatch(/speech\.docx {2}提示：第 18 段：标题补上编号“三、”/)
    const text = pdfText(join(dir, 'd/booklet.pdf'))
    expect(text).toContain('三、加强组织领导，努力开创党务工作新局面')
    const imported = await booklet(['import', 'speech.docx'], dir)
    expect(imported.code).toBe(0)
    expect(readFileSync(join(dir, 'speech.md'), 'utf8')).toBe(readFileSync(join(root, 'manuscript/01-party-work-meeting-speech.md'), 'utf8'))
  })

  it('refuses what it cannot import, naming the file', async () => {
    const dir = workspace({ 'notes.md': '# 题\n', 'old.doc': 'x', 'broken.docx': 'PK not really a zip' })
    const md = await booklet(['import', 'notes.md'], dir)
    expect(md.code).toBe(1)
    expect(md.stderr).toContain('notes.md：这个 .md 稿件已经用 # 标出了标题')
    const wrongOut = await booklet(['import', 'old.doc', '-o', 'x.docx'], dir)
    expect(wrongOut.stderr).toContain('只能导入 .txt、.docx 文件，或没有 # 标题的 .md 文件')
    writeFileSync(join(dir, 'speech.txt'), '讲话\n正文。')
    const notMarkdown = await booklet(['import', 'speech.txt', '-o', 'speech.txt', '--force'], dir)
    expect(notMarkdown.code).toBe(1)
    expect(notMarkdown.stderr).toContain('speech.txt：导入的结果是 Markdown 稿件，输出文件名应以 .md 结尾')
    expect(readFileSync(join(dir, 'speech.txt'), 'utf8')).toBe('讲话\n正文。')
    const broken = await booklet(['import', 'broken.docx'], dir)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('broken.docx：无法读取这个 Word 文件')
    expect(broken.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(join(dir, 'broken.md'))).toBe(false)
  })
})
