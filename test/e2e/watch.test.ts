/**
 * Fast regeneration (issue 6), with a real browser: `booklet watch` as a user runs it, a warm
 * browser giving the same bytes as a cold build, a running browser reached by --browser-ws, and
 * a page that reaches nothing but its own files.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateManuscript } from '../../bench/generate.ts'
import { createBuildCache } from '../../src/build-cache.ts'
import { startPreview } from '../../src/preview/preview-server.ts'
import { build } from '../../src/build.ts'
import { locateBrowser } from '../../src/render/locate-browser.ts'
import { fontMounts } from '../../src/fonts/roles.ts'
import { openBrowser, renderPdf } from '../../src/render/render-pdf.ts'
import type { BuildReport } from '../../src/report.ts'
import { pageTexts } from '../helpers/pdf.ts'
import { expectSamePages } from '../helpers/same-pages.ts'

const root = resolve(import.meta.dirname, '../..')

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-watch-'))
  cpSync(join(root, 'test/fixtures/projects/multi'), join(dir, 'manuscript'), { recursive: true })
  return dir
}

/** Lines the process writes, and a way to wait for one that matches. */
function follow(child: ChildProcess) {
  const lines: string[] = []
  const waiters: { pattern: RegExp; done: (line: string) => void }[] = []
  let buffer = ''
  const take = (chunk: Buffer) => {
    buffer += chunk.toString()
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const w of [...waiters]) if (w.pattern.test(line)) (waiters.splice(waiters.indexOf(w), 1), w.done(line))
    }
  }
  child.stdout!.on('data', take)
  child.stderr!.on('data', take)
  const seen = () => lines.length
  return {
    lines,
    /** The next line matching `pattern` written after line `from`. */
    next: (pattern: RegExp, from = seen()) =>
      new Promise<string>((done, fail) => {
        const found = lines.slice(from).find((l) => pattern.test(l))
        if (found) return done(found)
        const timer = setTimeout(() => fail(new Error(`no line ${pattern} in:\n${lines.join('\n')}`)), 60_000)
        waiters.push({ pattern, done: (line) => (clearTimeout(timer), done(line)) })
      }),
    seen,
  }
}

describe('booklet watch', () => {
  // A failed expectation must not leave a watching process behind (it would outlive the test run).
  const children = new Set<ChildProcess>()
  const watching = (dir: string, ...args: string[]) => {
    const child = spawn(process.execPath, [join(root, 'bin/booklet.mjs'), 'watch', ...args], { cwd: dir })
    children.add(child)
    return child
  }
  afterEach(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    children.clear()
  })

  it('rebuilds on save, keeps the last good PDF on a broken edit, and stops cleanly on Ctrl-C', async () => {
    const dir = workspace()
    // --strict as in build: a booklet that fails its preflight would not replace the last one.
    const child = watching(dir, 'manuscript', '--out', 'out', '--strict')
    const out = follow(child)
    await out.next(/已生成 out\/booklet\.pdf/)
    const pdf = join(dir, 'out/booklet.pdf')
    expect(pageTexts(pdf).join('')).not.toContain('这是新加的一句')

    const file = join(dir, 'manuscript/short.md')
    const original = readFileSync(file, 'utf8')
    let from = out.seen()
    writeFileSync(file, original.replace('学习时间为', '这是新加的一句。学习时间为'))
    expect(await out.next(/已保存：manuscript\/short\.md/, from)).toContain('重新生成')
    const rebuilt = await out.next(/已生成 out\/booklet\.pdf/, from)
    expect(rebuilt).toMatch(/变化的页：PDF 第 [\d、～]+ 页（页码 [\d、～]+）/)
    expect(rebuilt).toContain('只重排了 manuscript/short.md')
    expect(rebuilt).toMatch(/用时 \d+\.\d 秒/)
    expect(pageTexts(pdf).join('')).toContain('这是新加的一句')

    const good = readFileSync(pdf)
    from = out.seen()
    writeFileSync(file, original.replace(/^title: .*$/m, 'title: [没有闭合'))
    expect(await out.next(/short\.md:\d+(:\d+)?  错误：前置信息/, from)).toBeTruthy()
    await out.next(/未生成：有错误（见上），上一次的 PDF 保持不变/, from)
    expect(readFileSync(pdf).equals(good)).toBe(true)

    from = out.seen()
    writeFileSync(file, original)
    await out.next(/已生成 out\/booklet\.pdf/, from)
    expect(pageTexts(pdf).join('')).not.toContain('这是新加的一句')

    // A picture added and then deleted: the deletion is said as such, not as a save.
    from = out.seen()
    cpSync(join(root, 'test/fixtures/images/page.jpg'), join(dir, 'manuscript/extra.jpg'))
    await out.next(/已保存：manuscript\/extra\.jpg/, from)
    await out.next(/已生成 out\/booklet\.pdf/, from)
    from = out.seen()
    rmSync(join(dir, 'manuscript/extra.jpg'))
    expect(await out.next(/已删除：manuscript\/extra\.jpg，重新生成/, from)).not.toContain('已保存')
    await out.next(/已生成 out\/booklet\.pdf/, from)

    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(out.lines.at(-1)).toBe('已停止监视。')
    expect(out.lines.join('\n')).not.toMatch(/\n\s+at /)
  })

  it('ends a rebuild at once on Ctrl-C, writing nothing: the previous PDF stays (issue 20, F-14)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-watch-stop-'))
    const manuscript = generateManuscript(join(dir, 'manuscript'), 200)
    const child = watching(dir, 'manuscript', '--out', 'out')
    const out = follow(child)
    await out.next(/已生成 out\/booklet\.pdf/)
    const before = readFileSync(join(dir, 'out/booklet.pdf'))
    const file = join(manuscript.dir, manuscript.articles[0]!)
    const from = out.seen()
    // A change to every article: the whole booklet is laid out again, some seconds of work.
    for (const article of manuscript.articles) writeFileSync(join(manuscript.dir, article), `${readFileSync(join(manuscript.dir, article), 'utf8')}\n\n新加的一段。\n`)
    await out.next(/重新生成……/, from)
    await new Promise((done) => setTimeout(done, 300))
    const stopped = Date.now()
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(Date.now() - stopped).toBeLessThan(5000)
    expect(out.lines.slice(from).join('\n')).not.toMatch(/已生成 out\/booklet\.pdf/)
    expect(readFileSync(join(dir, 'out/booklet.pdf')).equals(before)).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain('新加的一段')
  }, 120_000)

  it('with --serve shows the pages in a browser on a loopback port, laid out and numbered, and reloads them after a save', async () => {
    const dir = workspace()
    const child = watching(dir, 'manuscript', '--out', 'out', '--serve', '0')
    const out = follow(child)
    const url = /预览：(http:\/\/127\.0\.0\.1:\d+\/\?k=[0-9a-f]{32})/.exec(await out.next(/预览：/))![1]!
    await out.next(/已生成 out\/booklet\.pdf/)
    // Reached only by this machine's own names: a page elsewhere cannot get at it by a DNS name of its own.
    expect(await statusFor(url, 'evil.example')).toBe(403)
    expect(await statusFor(url, new URL(url).host)).toBe(200)
    // Issue 20 (F-3): only with the token of its address; and of the manuscript folder, pictures only.
    const bare = new URL(url)
    bare.search = ''
    expect(await statusFor(bare.href, bare.host)).toBe(403)
    expect(await statusFor(new URL('/_booklet/in-page/paginate.js', bare).href, bare.host)).toBe(403)
    const withToken = (path: string) => `${new URL(path, bare).href}?k=${new URL(url).searchParams.get('k')}`
    expect(await statusFor(withToken('/short.md'), bare.host)).toBe(404)
    expect(await statusFor(withToken('/booklet.yaml'), bare.host)).toBe(404)

    const session = await openBrowser({})
    try {
      const page = await session.browser.newPage()
      await page.goto(url, { waitUntil: 'load' })
      const laidOut = () =>
        page.waitForFunction(() => document.querySelectorAll('.pagedjs_page').length > 5 && document.querySelector('.toc-page')?.textContent !== '', { timeout: 30_000 })
      await laidOut()
      // The first body page is numbered — 1 —, as in the PDF.
      const folio = await page.evaluate(() =>
        [...document.querySelector('.body-start')!.closest('.pagedjs_page')!.querySelectorAll('.pagedjs_margin-bottom .pagedjs_margin-content')]
          .map((box) => getComputedStyle(box, '::after').content)
          .filter((content) => content.includes('—')),
      )
      expect(folio).toEqual(['"— 1 —"'])

      const file = join(dir, 'manuscript/short.md')
      const from = out.seen()
      const reloaded = page.waitForNavigation({ timeout: 60_000 })
      writeFileSync(file, readFileSync(file, 'utf8').replace('学习时间为', '这是预览里新加的一句。学习时间为'))
      await out.next(/已生成 out\/booklet\.pdf/, from)
      await reloaded
      await laidOut()
      expect(await page.evaluate(() => document.querySelector('.pagedjs_pages')!.textContent)).toContain('这是预览里新加的一句')
    } finally {
      await session.close()
    }
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  }, 90_000)
})

describe('the preview server', () => {
  it('says so in Chinese when its port is taken, and shows a waiting page until a booklet is made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-preview-'))
    const first = await startPreview({ port: 0, outDir: join(dir, 'out'), input: dir })
    try {
      const taken = Number(new URL(first.url).port)
      await expect(startPreview({ port: taken, outDir: join(dir, 'out'), input: dir })).rejects.toThrow(`预览端口 ${taken} 已被占用`)
      const waiting = await (await fetch(first.url)).text()
      expect(waiting).toContain('还没有生成成功的小册子')
    } finally {
      await first.close()
    }
  })
})

/** The preview's answer to a request naming `host` (a browser sends the host of the URL it opens). */
function statusFor(url: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const request = httpGet(url, { headers: { host } }, (response) => {
      response.resume()
      done(response.statusCode ?? 0)
    })
    request.on('error', fail)
  })
}

describe('a warm browser and a browser service', () => {
  it('with the watch cache: processes and lays out only the edited article, nothing when nothing changed, and gives the pages of a full build', async () => {
    const dir = workspace()
    const input = join(dir, 'manuscript')
    const outDir = join(dir, 'watch')
    const session = await openBrowser({})
    const cache = createBuildCache()
    try {
      await build({ input, outDir, cwd: dir, session, cache })
      const textsBefore = pageTexts(join(outDir, 'booklet.pdf'))
      const before = new Map(cache.articles)
      expect(before.size).toBe(3)
      // The frame the next edited article is laid out in is loaded ahead: Paged.js in it, nothing in its main.
      const ready = await session.page!.articleFrame
      expect(await ready!.frame.evaluate(() => [typeof (window as unknown as { Paged: unknown }).Paged, document.querySelector('main')!.childElementCount])).toEqual(['object', 0])
      const articleLoads = () => session.page!.page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/article.html')).length)
      expect(await articleLoads()).toBe(1)
      const file = join(input, 'short.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('学习时间为', '这是新加的一句。学习时间为'))
      const edited = await build({ input, outDir, cwd: dir, session, cache })
      // The edited article went into that frame (no other loaded for it); the next one is loaded ahead again.
      await session.page!.articleFrame
      expect(await articleLoads()).toBe(2)
      // The two untouched articles come from the cache, the same entries as before.
      expect([...cache.articles].filter(([key, article]) => before.get(key) === article)).toHaveLength(2)
      expect(edited.changes!.pages.length).toBeGreaterThan(0)
      expect(edited.relaid).toEqual(['manuscript/short.md'])
      // Only the pages printed differently were read back; the changes reported are those pages.
      const textsAfter = pageTexts(join(outDir, 'booklet.pdf'))
      expect(edited.changes!.pages).toEqual(textsAfter.flatMap((text, i) => (text === textsBefore[i] ? [] : [i])))
      const saved = await build({ input, outDir, cwd: dir, session, cache })
      expect(saved.timings.render).toBeUndefined()
      expect(saved).toMatchObject({ ok: true, pageCount: edited.pageCount, changes: { pages: [], removed: 0 } })

      // A booklet deleted meanwhile is made again.
      rmSync(join(outDir, 'booklet.pdf'))
      const remade = await build({ input, outDir, cwd: dir, session, cache })
      expect(remade.timings.render).toBeGreaterThan(0)
      expect(existsSync(join(outDir, 'booklet.pdf'))).toBe(true)
    } finally {
      await session.close()
    }
    await build({ input, outDir: join(dir, 'full'), cwd: dir })
    expect(pageTexts(join(outDir, 'booklet.pdf')).join('')).toContain('这是新加的一句')
    await expectSamePages(join(outDir, 'booklet.pdf'), join(dir, 'full/booklet.pdf'))
    expect(readFileSync(join(outDir, 'booklet.html'), 'utf8')).toBe(readFileSync(join(dir, 'full/booklet.html'), 'utf8'))
  })

  it('lays out only an edited article when it grows by pages: later page numbers, the 目录 and the bookmarks move, as in a full build (after whole layouts in two tabs)', async () => {
    const dir = workspace()
    const input = join(dir, 'manuscript')
    const outDir = join(dir, 'watch')
    const notes = join(input, 'notes.md')
    const original = readFileSync(notes, 'utf8')
    // notes.md is the middle article: two pages of new text, with a word changed above them. The
    // run-in headings (EL-17) hang on a rule Paged.js rewrites: it must hold in the moved pages too.
    // A picture in them must be drawn when the moved pages are printed.
    cpSync(join(root, 'test/fixtures/images/page.jpg'), join(input, 'page.jpg'))
    const added = ['![示意图](page.jpg)', ...Array.from({ length: 6 }, (_, i) => `#### ${i + 1}.补充要点。${'要把学习成果转化为推动工作的实际行动，做到学以致用、用以促学。'.repeat(5)}`)].join('\n\n')
    const grow = (text: string) => text.replace('宣传工作要把方向', '宣传工作要始终把方向').replace('## 二、', `${added}\n\n## 二、`)
    const session = await openBrowser({})
    const cache = createBuildCache()
    let grown: BuildReport
    try {
      // Whole layouts in two tabs (split-layout.ts), as a long booklet's: the articles laid out
      // alone later go into pages moved over from the second tab.
      await build({ input, outDir, cwd: dir, session, cache, twoTabs: true })
      // A heading edited changes the 目录 as well: the whole booklet is laid out again.
      const renamed = original.replace('## 二、心得体会', '## 二、学习心得体会')
      writeFileSync(notes, renamed)
      const first = await build({ input, outDir, cwd: dir, session, cache, twoTabs: true })
      expect(first).toMatchObject({ ok: true, relaid: null })
      expect(first.timings['render.layout.second.flow']).toBeGreaterThan(0)
      const firstTexts = pageTexts(join(outDir, 'booklet.pdf'))

      writeFileSync(notes, grow(renamed))
      grown = await build({ input, outDir, cwd: dir, session, cache, twoTabs: true })
      expect(grown).toMatchObject({ ok: true, relaid: ['manuscript/notes.md'] })
      expect(grown.pageCount).toBeGreaterThan(first.pageCount)
      const short = (report: BuildReport) => report.articles.find((a) => a.file === 'manuscript/short.md')!
      expect(short(grown).folio).toBeGreaterThan(short(first).folio!)

      // Back to the text it had: the first booklet again, page for page.
      writeFileSync(notes, renamed)
      const restored = await build({ input, outDir, cwd: dir, session, cache, twoTabs: true })
      expect(restored).toMatchObject({ relaid: ['manuscript/notes.md'], pageCount: first.pageCount })
      expect(pageTexts(join(outDir, 'booklet.pdf'))).toEqual(firstTexts)

      writeFileSync(notes, grow(renamed))
      const again = await build({ input, outDir, cwd: dir, session, cache, twoTabs: true })
      expect(again).toMatchObject({ relaid: ['manuscript/notes.md'], pageCount: grown.pageCount })
    } finally {
      await session.close()
    }
    const full = await build({ input, outDir: join(dir, 'full'), cwd: dir, twoTabs: false })
    expect(full.articles).toEqual(grown.articles)
    expect(full.pages).toEqual(grown.pages)
    await expectSamePages(join(outDir, 'booklet.pdf'), join(dir, 'full/booklet.pdf'))
  }, 90_000)

  it('gives the same bytes as a cold build when the browser is kept between builds', async () => {
    const dir = workspace()
    const input = join(dir, 'manuscript')
    await build({ input, outDir: join(dir, 'cold'), cwd: dir })
    const session = await openBrowser({})
    try {
      await build({ input, outDir: join(dir, 'warm'), cwd: dir, session })
      const again = await build({ input, outDir: join(dir, 'warm'), cwd: dir, session })
      expect(again.changes).toEqual({ pages: [], removed: 0 })
      expect(again.timings['render.layout.fonts']).toBeLessThan(again.timings['render.layout.paged']! + 1000)
    } finally {
      await session.close()
    }
    expect(readFileSync(join(dir, 'warm/booklet.pdf')).equals(readFileSync(join(dir, 'cold/booklet.pdf')))).toBe(true)
  })

  it('builds in a running browser reached by its DevTools WebSocket (--browser-ws)', async () => {
    const dir = workspace()
    const chromium = spawn(locateBrowser({}), ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0', `--user-data-dir=${join(dir, 'profile')}`, 'about:blank'])
    try {
      const endpoint = await new Promise<string>((done, fail) => {
        let text = ''
        chromium.stderr!.on('data', (d) => {
          text += d
          const match = /DevTools listening on (ws:\/\/\S+)/.exec(text)
          if (match) done(match[1]!)
        })
        chromium.on('exit', () => fail(new Error(text)))
      })
      const report = await build({ input: join(dir, 'manuscript'), outDir: join(dir, 'ws'), cwd: dir, browserWs: endpoint })
      expect(report.ok).toBe(true)
      await build({ input: join(dir, 'manuscript'), outDir: join(dir, 'own'), cwd: dir })
      expect(readFileSync(join(dir, 'ws/booklet.pdf')).equals(readFileSync(join(dir, 'own/booklet.pdf')))).toBe(true)
      // The service keeps running for the next build.
      expect(chromium.exitCode).toBeNull()
    } finally {
      chromium.kill()
    }
    const refused = await build({ input: join(dir, 'manuscript'), outDir: join(dir, 'x'), cwd: dir, browserWs: 'ws://127.0.0.1:9/devtools/browser/none' }).catch((e: Error) => e)
    expect((refused as Error).message).toContain('无法连接浏览器服务：ws://127.0.0.1:9/devtools/browser/none')
  })
})

describe('the page reaches nothing but its own files', () => {
  let hits = 0
  let port = 0
  const server = createServer((_req, res) => (hits++, res.end('x')))
  beforeAll(async () => {
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => server.close())

  it('refuses images from the web, from a loopback port or from outside the manuscript, at their lines, before any browser', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'booklet-sandbox-'))
    writeFileSync(
      join(dir, 'a.md'),
      ['---', 'title: 沙箱', '---', '', `正文。![远程](http://127.0.0.1:${port}/remote.png)`, '', '![上一级](../secret.png) ![系统文件](file:///etc/passwd)', '', '<iframe src="file:///etc/passwd"></iframe>', ''].join('\n'),
    )
    const report = await build({ input: join(dir, 'a.md'), outDir: join(dir, 'out'), cwd: dir })
    expect(report.ok).toBe(false)
    const errors = report.diagnostics.filter((d) => d.rule === 'image').map((d) => `${d.line}:${d.column} ${d.message}`)
    expect(errors).toEqual([
      expect.stringMatching(new RegExp(`^5:4 不会从网上或其他位置读取图片：http://127\\.0\\.0\\.1:${port}/remote\\.png`)),
      expect.stringMatching(/^7:1 图片不在稿件文件夹内：\.\.\/secret\.png/),
      expect.stringMatching(/^7:23 不会从网上或其他位置读取图片：file:\/\/\/etc\/passwd/),
    ])
    expect(report.diagnostics.some((d) => d.rule === 'raw-html')).toBe(true)
    expect(hits).toBe(0)
  })

  it('lets a hostile page reach nothing: img, CSS url(), link, iframe, file:///, fetch to a loopback port', async () => {
    const session = await openBrowser({})
    try {
      const hostile = [
        '<!doctype html><html><head><style>body { background: url(http://127.0.0.1:PORT/css.png) }</style>',
        '<link rel="stylesheet" href="http://127.0.0.1:PORT/link.css"></head><body>',
        '<img src="http://127.0.0.1:PORT/img.png"><img src="file:///etc/passwd"><img src="/../../etc/passwd">',
        '<iframe src="http://127.0.0.1:PORT/frame"></iframe><iframe src="file:///etc/passwd"></iframe>',
        '<script>fetch("http://127.0.0.1:PORT/fetch").catch(() => {}); new Image().src = "https://example.com/x.png"</script>',
        '<p>正文</p></body></html>',
      ]
        .join('\n')
        .replaceAll('PORT', String(port))
      const result = await renderPdf({
        html: hostile,
        manuscriptRoot: mkdtempSync(join(tmpdir(), 'booklet-hostile-')),
        fontMounts: fontMounts(),
        fonts: { shorthands: [], lacking: {} },
        targetIds: [],
        session,
      })
      expect(result.pdf.length).toBeGreaterThan(0)
      expect(hits).toBe(0)
      const refused = result.refusedRequests.join('\n')
      for (const what of ['css.png', 'link.css', 'img.png', 'frame', 'fetch', 'example.com']) expect(refused).toContain(what)
    } finally {
      await session.close()
    }
  })
})
