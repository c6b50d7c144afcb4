/**
 * Hardening (issue 7): broken and hostile manuscripts get a short Chinese answer that names the
 * file (and line), a non-zero exit, no stack trace and no half-written output; the previous
 * booklet survives a failed, timed-out or killed build; two builds at once do not corrupt it.
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeDocx } from '../helpers/make-docx.ts'
import { makePng } from '../helpers/make-png.ts'

const root = resolve(import.meta.dirname, '../..')
const bin = join(root, 'bin/booklet.mjs')
const run = promisify(execFile)

async function booklet(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const ARTICLE = '---\ntitle: 文章\n---\n\n正文。\n'

/** A lossy WebP of 10 × 10 pixels by its header, with noise where the picture data should be. */
function brokenWebp(): Buffer {
  const size = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24])
  const payload = Buffer.concat([Buffer.from([0, 0, 0, 0x9d, 0x01, 0x2a, 10, 0, 10, 0]), Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff))])
  const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), size(payload.length), payload])
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size(body.length), body])
}

/** A PNG whose header claims 30000 × 30000 pixels (its data is one pixel's). */
function pixelBomb(): Buffer {
  const png = Buffer.from(makePng(1, 1))
  png.writeUInt32BE(30000, 16)
  png.writeUInt32BE(30000, 20)
  return png
}

/** The broken inputs: name → files of a manuscript folder, the input to build, what the answer must say. */
const CORPUS: { name: string; files: Record<string, string | Buffer>; input: string; says: RegExp; env?: NodeJS.ProcessEnv; args?: string[] }[] = [
  { name: 'an empty file', files: { 'a.md': '' }, input: 'a.md', says: /^错误：a\.md：文件是空的$/m },
  { name: 'binary junk', files: { 'a.md': Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)) }, input: 'a.md', says: /^错误：a\.md：这不是文本文件/m },
  { name: 'a Word document renamed to .md', files: { 'a.md': await makeDocx(['讲话', '正文。']) }, input: 'a.md', says: /^错误：a\.md：这不是文本文件，而是 Word 文档（\.docx）\n请把扩展名改回 \.docx/m },
  { name: 'a folder of .doc, .wps and .pdf files only', files: { '讲话.doc': 'x', '通知.wps': 'x', '汇编.pdf': 'x' }, input: '.', says: /^错误：.*文件夹里没有稿件（\.md、\.txt 或 \.docx）；有 3 个不能直接使用的文件：汇编\.pdf、讲话\.doc、通知\.wps\n.*“另存为”\.docx/m },
  { name: 'text that is neither UTF-8 nor GBK', files: { 'a.txt': Buffer.from([0xe9, 0x20, 0x6c, 0x27, 0xe9, 0x74, 0xe9, 0x0a]) }, input: 'a.txt', says: /^错误：a\.txt：无法识别的文字编码/m },
  { name: 'invalid YAML front matter', files: { 'a.md': '---\ntitle: [没有闭合\n---\n\n正文。\n' }, input: 'a.md', says: /^a\.md:2(:\d+)?  错误：前置信息/m },
  { name: 'an unknown key in booklet.yaml', files: { 'booklet.yaml': 'title: 汇编\ncolour: red\n', 'a.md': ARTICLE }, input: '.', says: /^错误：booklet\.yaml:2(:\d+)?：.*colour/m },
  { name: 'a wrong type in booklet.yaml', files: { 'booklet.yaml': 'numbering: [1, 2]\n', 'a.md': ARTICLE }, input: '.', says: /^错误：booklet\.yaml:1(:\d+)?：numbering.*只能是 auto、renumber、keep 或 none/m },
  { name: 'an article listed that does not exist', files: { 'booklet.yaml': 'articles:\n  - a.md\n  - b.md\n', 'a.md': ARTICLE }, input: '.', says: /^booklet\.yaml:3:1  错误：articles 中列出的“b\.md”不存在；/m },
  {
    name: 'several broken articles in one folder: each one named in the same run',
    files: { 'a.md': ARTICLE, 'b.md': '', 'c.md': Buffer.from([0x23, 0x20, 0xd6, 0xb2, 0xbb, 0xb0, 0x0a]), 'd.md': '---\ntitle: 丁\n\n正文。\n' },
    input: '.',
    says: /^b\.md  错误：文件是空的.*\nc\.md  错误：文件不是 UTF-8 编码.*\nd\.md:1:1  错误：前置信息.*没有结束的 --- 行/m,
  },
  { name: 'a missing image', files: { 'a.md': `${ARTICLE}\n![图一](images/one.png)\n` }, input: 'a.md', says: /^a\.md:7:1  错误：图片文件不存在：images\/one\.png（稿件文件夹中没有 images\/one\.png）  \[image\]$/m },
  { name: 'a damaged image (cut short)', files: { 'a.md': `${ARTICLE}\n![图一](one.png)\n`, 'one.png': makePng(64, 64, { noise: true }).subarray(0, 4000) }, input: 'a.md', says: /^a\.md:7:1  错误：图片文件已损坏：one\.png，文件不完整（数据在中途截断）/m },
  { name: 'not an image at all', files: { 'a.md': `${ARTICLE}\n![图一](one.png)\n`, 'one.png': 'not a png' }, input: 'a.md', says: /^a\.md:7:1  错误：图片文件已损坏或不是图片：one\.png/m },
  {
    // A WebP whose header is good and whose picture data is not: found in the page (no check reads WebP data).
    name: 'an image the browser cannot draw',
    files: { 'a.md': `${ARTICLE}\n![图一](one.webp)\n`, 'one.webp': brokenWebp() },
    input: 'a.md',
    says: /^a\.md:7:1  错误：图片文件已损坏，浏览器无法显示：one\.webp/m,
  },
  {
    name: 'an SVG that is not well-formed',
    files: { 'a.md': `${ARTICLE}\n![图一](one.svg)\n`, 'one.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect</svg>' },
    input: 'a.md',
    says: /^a\.md:7:1  错误：图片文件已损坏：one\.svg，SVG 文件第 1 行第 74 列不是完整的 XML/m,
  },
  // Issue 20: the folder is a boundary (F-1), a pixel-count bomb is refused before it is decoded (F-9).
  {
    name: 'an article listed outside the folder',
    files: { 'booklet.yaml': 'articles:\n  - a.md\n  - ../../../../../../etc/passwd\n', 'a.md': ARTICLE },
    input: '.',
    says: /^booklet\.yaml:3:1  错误：articles 中列出的“\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd”不在稿件文件夹内；articles 只能列出稿件文件夹里的文件/m,
  },
  // F-9: nesting that overflowed the stack of the parsers and tree conversions (a stack trace before).
  { name: 'YAML brackets 5000 deep', files: { 'a.md': `---\ntitle: ${'['.repeat(5000)}\n---\n\n正文。\n` }, input: 'a.md', says: /^a\.md:2:1  错误：前置信息（文件开头 --- 之间）有误：YAML 格式错误：方括号或花括号嵌套超过 32 层/m },
  { name: 'quotes 2000 deep', files: { 'a.md': `# 引用\n\n${'> '.repeat(2000)}引用\n` }, input: 'a.md', says: /^a\.md:3:1  错误：列表和引用嵌套了 400 层以上，最多 6 层/m },
  { name: 'a list 1000 deep', files: { 'a.md': `# 列表\n\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n')}\n` }, input: 'a.md', says: /^a\.md:404:1  错误：列表和引用嵌套了 400 层以上，最多 6 层/m },
  { name: 'a picture of 30000 × 30000 pixels in a few bytes', files: { 'a.md': `${ARTICLE}\n![图一](bomb.png)\n`, 'bomb.png': pixelBomb() }, input: 'a.md', says: /^a\.md:7:1  错误：图片像素太多（30000 × 30000，上限 1 亿像素/m },
  { name: 'an output folder that cannot be made', files: { 'a.md': ARTICLE }, input: 'a.md', args: ['--out', '/proc/booklet/out'], says: /^错误：无法(在此写入|创建)输出文件夹：\/proc\/booklet\/out$/m },
  { name: 'no browser on the machine', files: { 'a.md': ARTICLE }, input: 'a.md', env: { BOOKLET_BROWSER: '/nowhere/chromium' }, says: /^错误：.*\/nowhere\/chromium/m },
  {
    name: 'lists and quotes nested 300 deep',
    files: { 'a.md': `# 嵌套\n\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n')}\n\n${'> '.repeat(300)}引用\n` },
    input: 'a.md',
    says: /^a\.md:9:13  错误：列表和引用嵌套了 300 层，最多 6 层：请检查这里的行首缩进和“>”号  \[nesting\]\na\.md:304:13  错误：列表和引用嵌套了 300 层/m,
  },
  { name: 'a folder given as the browser', files: { 'a.md': ARTICLE }, input: 'a.md', args: ['--out', 'out', '--browser', '/tmp'], says: /^错误：--browser 指定的浏览器不存在或无法运行：\/tmp$/m },
  { name: 'a program that is not a browser', files: { 'a.md': ARTICLE }, input: 'a.md', args: ['--out', 'out', '--browser', '/bin/false'], says: /^错误：\/bin\/false 不是可用的浏览器（运行 --version 出错）$/m },
  { name: 'a browser that does not finish in time', files: { 'a.md': ARTICLE }, input: 'a.md', args: ['--timeout', '0.3'], says: /^错误：排版超时（超过 0\.3 秒），已停止浏览器$/m },
]

describe('the corpus of broken inputs', () => {
  it.each(CORPUS)('$name: a short Chinese message, exit 1, nothing written', { timeout: 60_000 }, async ({ files, input, says, env, args }) => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-broken-'))
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    const result = await booklet(['build', input, ...(args ?? ['--out', 'out'])], dir, env)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(says)
    expect(result.stderr).not.toMatch(/\n\s+at |Error:|内部错误/)
    expect(result.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(4)
    expect(existsSync(join(dir, 'out', 'booklet.pdf'))).toBe(false)
  })
})

describe('manuscripts of unusual size and shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-large-'))
  const paragraph = '这是一段很长的正文，用来检验管线在极端输入下的表现。'
  const cases: Record<string, string> = {
    '5000-headings.md': `# 五千个标题\n\n${Array.from({ length: 5000 }, (_, i) => `## 标题${i + 1}\n\n${paragraph}`).join('\n\n')}\n`,
    'one-megabyte-paragraph.md': `# 一个段落\n\n${paragraph.repeat(Math.ceil(2 ** 20 / (paragraph.length * 3)))}\n`,
    'table-3000-rows.md': `# 表格\n\n| 序号 | 内容 |\n| -- | -- |\n${Array.from({ length: 3000 }, (_, i) => `| ${i + 1} | ${paragraph} |`).join('\n')}\n`,
  }
  beforeAll(() => {
    for (const [name, text] of Object.entries(cases)) writeFileSync(join(dir, name), text)
  })

  it('warns about a 50 MB image', { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, 'big.png'), makePng(4200, 4200, { noise: true }))
    writeFileSync(join(dir, 'image.md'), '# 大图\n\n![大图](big.png)\n')
    const result = await booklet(['check', 'image.md'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/image\.md:3:1  警告：图片很大（50 MB）：big\.png；排版会变慢/)
  })

  it('prints a paragraph longer than twenty pages whole, even when its text repeats', { timeout: 90_000 }, async () => {
    // Paged.js 0.4.3 found where a split paragraph continues with indexOf: in repeating text an
    // earlier place, and the booklet silently ended after a few pages (pagedjs-patched.ts).
    writeFileSync(join(dir, 'long-paragraph.md'), `# 一个长段落\n\n${paragraph.repeat(400)}\n`)
    const result = await booklet(['build', 'long-paragraph.md', '--out', 'long'], dir)
    expect(result.stderr).toMatch(/印前检查：\d+ 项全部通过/)
    expect(result.code).toBe(0)
    const text = execFileSync('pdftotext', [join(dir, 'long/booklet.pdf'), '-'], { encoding: 'utf8' })
    expect(text.match(/验/g)?.length).toBe(400)
    expect(Number(/正文 (\d+) 页/.exec(result.stderr)?.[1])).toBeGreaterThan(20)
  })

  // The sample speech's prose without paired marks: a text run longer than a page once split.
  const prose = readFileSync(join(root, 'manuscript/01-party-work-meeting-speech.md'), 'utf8')
    .split('\n')
    .filter((line) => /^\p{Script=Han}/u.test(line))
    .join('')
    .replace(/[“”《》（）]/g, '')
  it.each([
    // Punctuation spans split the paragraph into many identical text nodes: Paged.js took the
    // first one holding the text at the break, went back and stopped (pagedjs-patched.ts).
    ['dense with closing quotes', '要树牢“四个意识”，坚定“四个自信”，坚决做到“两个维护”。'.repeat(25)],
    // A page that starts inside a text node longer than a page, whose text also occurs earlier.
    ['with repeated runs longer than a page', `${prose.slice(0, 1000)}“四个意识”，`.repeat(4)],
  ])('prints a long paragraph %s whole', { timeout: 60_000 }, async (name, paragraph) => {
    const file = `${name.replace(/\s/g, '-')}.md`
    writeFileSync(join(dir, file), `# 长段落\n\n${paragraph}\n`)
    const result = await booklet(['build', file, '--out', `out-${file}`], dir)
    expect(result.stderr).toMatch(/印前检查：\d+ 项全部通过/)
    expect(result.code).toBe(0)
    const text = execFileSync('pdftotext', [join(dir, `out-${file}/booklet.pdf`), '-'], { encoding: 'utf8' })
    expect(text.match(/识/g)?.length).toBe(paragraph.match(/识/g)?.length)
  })

  it('breaks lines at <br> in a table cell and says once that other HTML is ignored', { timeout: 60_000 }, async () => {
    const rows = (tag: (i: number) => string) => Array.from({ length: 180 }, (_, i) => tag(i + 1)).join('')
    writeFileSync(join(dir, 'html-table.md'), `# 表格\n\n| 项目 | 内容 |\n| -- | -- |\n| 甲 | ${rows((i) => `第${i}行<br>`)} |\n| 乙 | ${rows((i) => `<font color=red>${i}</font>`)} |\n`)
    const result = await booklet(['check', 'html-table.md'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('html-table.md:6:7  警告：稿件中的 HTML 代码不会排入小册子，已忽略（共 360 处，在第 6 行）  [raw-html]\n共 1 条：错误 0，警告 1，其余为提示\n')
  })

  it('prints indented paragraphs and Chinese in a fenced code block (set in the body face, not a Type 3 system font)', { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, 'indented.md'), '# 缩进\n\n第一段。\n\n    四个空格开头的段落。\n\n\t制表符开头的段落。\n\n```\n代码块里的中文。\n```\n')
    const result = await booklet(['build', 'indented.md', '--out', 'indented'], dir)
    expect(result.stderr).toMatch(/印前检查：\d+ 项全部通过/)
    const text = execFileSync('pdftotext', [join(dir, 'indented/booklet.pdf'), '-'], { encoding: 'utf8' })
    for (const line of ['四个空格开头的段落。', '制表符开头的段落。', '代码块里的中文。']) expect(text).toContain(line)
  })

  it.each(Object.keys(cases))('check %s answers without crashing', { timeout: 60_000 }, async (name) => {
    const result = await booklet(['check', name, '--json'], dir)
    expect(result.stderr).not.toMatch(/\n\s+at |内部错误/)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).diagnostics).toBeInstanceOf(Array)
  })
})

/** Every process under `pid`. */
function descendants(pid: number): number[] {
  let children: number[] = []
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)
  } catch {
    // ps exits 1 when the process has no children
  }
  return children.flatMap((p) => [p, ...descendants(p)])
}

/** The browser's processes under a build (not tsx's esbuild service). */
const browserUnder = (pid: number) =>
  descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('chrom')
    } catch {
      return false // gone meanwhile
    }
  })

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
  } catch {
    return false
  }
}

/** The browser's profile and temporary folders of the build with this process id. */
const browserFolders = (pid: number) => readdirSync(tmpdir()).filter((n) => n.startsWith(`booklet-browser-${pid}-`))

/**
 * A good booklet first, then a long build into the same folder that gets `signal` once the
 * browser is laying it out ('browser': its browser is killed instead). Returns how the build
 * ended and whether its browser outlived it.
 */
async function interruptedBuild(signal: NodeJS.Signals | 'browser') {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-interrupt-'))
  writeFileSync(join(dir, 'a.md'), ARTICLE)
  expect((await booklet(['build', 'a.md', '--out', 'out'], dir)).code).toBe(0)
  const before = readFileSync(join(dir, 'out/booklet.pdf'))
  mkdirSync(join(dir, 'big'))
  writeFileSync(join(dir, 'big/a.md'), `# 长文\n\n${'正文很长，用来让排版多花一些时间。'.repeat(4000)}\n`)
  const child = spawn(process.execPath, [bin, 'build', 'big', '--out', 'out'], { cwd: dir })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  await new Promise((r) => setTimeout(r, 3000))
  const browser = browserUnder(child.pid!)
  expect(browser.length).toBeGreaterThan(0)
  if (signal === 'browser') for (const pid of browser) process.kill(pid, 'SIGKILL')
  else child.kill(signal)
  const code = await exited
  // Chromium notices its DevTools pipe closing and quits on its own.
  for (let i = 0; i < 50 && browser.some(alive); i++) await new Promise((r) => setTimeout(r, 100))
  return {
    code,
    stderr,
    dir,
    pid: child.pid!,
    browserFolders: browserFolders(child.pid!),
    browserLeft: browser.filter(alive),
    keptPrevious: readFileSync(join(dir, 'out/booklet.pdf')).equals(before),
    leftovers: readdirSync(join(dir, 'out')).filter((n) => n.startsWith('.booklet-tmp-')),
  }
}

describe('no lost output', () => {
  it('keeps the previous PDF byte for byte when a build is killed in the middle, and its browser quits', { timeout: 60_000 }, async () => {
    const result = await interruptedBuild('SIGKILL')
    expect(result).toMatchObject({ keptPrevious: true, leftovers: [], browserLeft: [] })
    // Nothing could remove the browser's folder of a killed build: the next build does.
    expect(result.browserFolders).toHaveLength(1)
    expect((await booklet(['build', 'a.md', '--out', 'out'], result.dir)).code).toBe(0)
    expect(browserFolders(result.pid)).toEqual([])
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('answers %s (Ctrl-C, kill) with a short message, keeps the previous PDF and leaves no browser', { timeout: 60_000 }, async (signal, exitCode) => {
    const result = await interruptedBuild(signal)
    expect(result).toMatchObject({ code: exitCode, keptPrevious: true, leftovers: [], browserLeft: [], browserFolders: [] })
    expect(result.stderr.trim()).toBe('已中断：没有生成新的 PDF（上一次的 PDF 保持不变）。')
  })

  it('writes neither file when one of them cannot be written (a folder named booklet.pdf)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-blocked-'))
    writeFileSync(join(dir, 'a.md'), ARTICLE)
    mkdirSync(join(dir, 'out/booklet.pdf'), { recursive: true })
    const result = await booklet(['build', 'a.md', '--out', 'out'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^错误：无法写入 out\/booklet\.pdf：同名的文件夹挡在那里$/m)
    expect(readdirSync(join(dir, 'out'))).toEqual(['booklet.pdf'])
  })

  it('lets two builds of the same manuscript into the same folder finish with a whole booklet', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-twice-'))
    writeFileSync(join(dir, 'a.md'), ARTICLE)
    expect((await booklet(['build', 'a.md', '--out', 'alone'], dir)).code).toBe(0)
    const [first, second] = await Promise.all([booklet(['build', 'a.md', '--out', 'out'], dir), booklet(['build', 'a.md', '--out', 'out'], dir)])
    expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0])
    expect(readFileSync(join(dir, 'out/booklet.pdf')).equals(readFileSync(join(dir, 'alone/booklet.pdf')))).toBe(true)
  })
})

describe('a browser that crashes mid-layout', () => {
  it('answers with a short message, exit 1, and leaves the previous PDF', { timeout: 90_000 }, async () => {
    const result = await interruptedBuild('browser')
    expect(result).toMatchObject({ code: 1, keptPrevious: true, leftovers: [] })
    expect(result.stderr).toContain('错误：浏览器在排版中意外退出，没有生成新的 PDF（上一次的 PDF 保持不变）')
    expect(result.stderr).not.toMatch(/\n\s+at |内部错误/)
  })
})

describe('a program given as the browser that never becomes one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-fake-browser-'))
  /** A shell script; `sleep` runs as its child, as a real wrapper's browser would. */
  const script = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 })
    return join(dir, name)
  }
  const running = (marker: string) => execFileSync('ps', ['-A', '-o', 'args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(marker))
  const silent = script('silent.sh', 'sleep 4242')
  // `exec`: the process no longer shows our profile folder in its command line, only in its environment.
  const mute = script('mute.sh', 'if [ "$1" = "--version" ]; then echo "Chromium 120.0"; exit 0; fi\nexec sleep 4343')

  it('is given up after the start-up limit or the version probe, with no process or folder left behind', { timeout: 30_000 }, async () => {
    const { launchBrowser } = await import('../../src/render/launch-browser.ts')
    const started = Date.now()
    const [probe, launch] = await Promise.allSettled([launchBrowser(silent), launchBrowser(mute, 300_000, 2_000)])
    expect(probe).toMatchObject({ status: 'rejected', reason: { message: `${silent} 不是可用的浏览器（运行 --version 十秒没有回答）` } })
    expect(launch).toMatchObject({ status: 'rejected', reason: { message: `浏览器 2 秒内没有启动：${mute}` } })
    expect(Date.now() - started).toBeLessThan(15_000)
    await new Promise((r) => setTimeout(r, 300))
    expect(running('sleep 4242')).toEqual([])
    expect(running('sleep 4343')).toEqual([])
    expect(browserFolders(process.pid)).toEqual([])
  })

  it('leaves no process and no folder on Ctrl-C while the browser is starting', { timeout: 30_000 }, async () => {
    const hanging = script('hanging.sh', 'if [ "$1" = "--version" ]; then echo "Chromium 120.0"; exit 0; fi\nsleep 4444')
    writeFileSync(join(dir, 'a.md'), ARTICLE)
    const child = spawn(process.execPath, [bin, 'build', 'a.md', '--out', 'out', '--browser', hanging], { cwd: dir })
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    for (let i = 0; i < 100 && running('sleep 4444').length === 0; i++) await new Promise((r) => setTimeout(r, 100))
    expect(running('sleep 4444')).toHaveLength(1)
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    await new Promise((r) => setTimeout(r, 300))
    expect(running('sleep 4444')).toEqual([])
    expect(browserFolders(child.pid!)).toEqual([])
  })
})
