/**
 * `npm run bench`: speed and memory of booklet against pagedjs-cli and Chromium's own printing,
 * measured in one run on one machine (issue 6). For manuscripts of about 10, 50, 200 and 500 A5
 * pages it measures
 *   - our cold `booklet build` (Markdown → PDF, everything included, a new process), and of it
 *     the browser's part, layout and print (the report's render time: pagedjs-cli's own work),
 *   - pagedjs-cli 0.4.3 on our own booklet.html (fonts as files: the same document),
 *   - Chromium's --print-to-pdf of that HTML (no pagination script: the floor),
 *   - our rebuild in watch mode after a one-paragraph edit in one article,
 *   - the peak memory of each process tree,
 * and prints a table with ratios to pagedjs-cli. Each is measured --runs times (ours and
 * pagedjs-cli in turn, so that a slow minute of the machine falls on both) and the median is
 * shown; peak memory is the highest of the runs. `--soak N` then rebuilds a manuscript of about
 * 50 pages (several articles) N times in one watch and prints the memory of the whole process
 * tree along the way.
 *
 * Options: --sizes 10,50,200,500   --runs 3   --soak 100   --soak-pages 50   --keep (leave the work folder)
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { fontMounts } from '../src/fonts/roles.ts'
import { locateBrowser } from '../src/render/locate-browser.ts'
import { watch } from '../src/watch.ts'
import { generateManuscript } from './generate.ts'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1]! : fallback
}
const sizes = option('sizes', '10,50,200,500').split(',').map(Number)
const runs = Math.max(1, Number(option('runs', '3')))
const soakRuns = Number(option('soak', '100'))
const soakPages = Number(option('soak-pages', '50'))
const work = mkdtempSync(join(tmpdir(), 'booklet-bench-'))
const browser = locateBrowser({})

/**
 * Memory of a process and all its descendants, in MiB (Linux /proc): the sum of their PSS, in
 * which pages shared between Chromium's processes count once, not once per process.
 */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0
  const visit = (p: number) => {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
    } catch {
      return
    }
    for (const child of children.get(p) ?? []) visit(child)
  }
  visit(pid)
  return kb / 1024
}

/** Runs a command; wall time and the peak memory of its process tree. */
function measure(command: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; peakMb: number; code: number; output: string }> {
  return new Promise((done) => {
    const started = performance.now()
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    let peakMb = 0
    const poll = setInterval(() => (peakMb = Math.max(peakMb, treeRssMb(child.pid!))), 100)
    child.on('close', (code) => {
      clearInterval(poll)
      done({ ms: performance.now() - started, peakMb, code: code ?? 1, output })
    })
  })
}

/** pagedjs-cli, installed once beside the project (its puppeteer must not download a browser). */
function pagedjsCli(): string {
  const dir = join(root, 'node_modules/.cache/booklet-bench')
  const bin = join(dir, 'node_modules/.bin/pagedjs-cli')
  if (!existsSync(bin)) {
    console.error('首次运行：安装 pagedjs-cli 0.4.3 到 node_modules/.cache/booklet-bench ……')
    mkdirSync(dir, { recursive: true })
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', 'pagedjs-cli@0.4.3'], {
      stdio: 'inherit',
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
    })
  }
  return bin
}

/** booklet.html with the font URLs pointing at the font files, so other tools see the same document. */
function standaloneHtml(outDir: string, file: string): string {
  let html = readFileSync(join(outDir, 'booklet.html'), 'utf8')
  for (const [prefix, dir] of fontMounts()) html = html.replaceAll(prefix, `${pathToFileURL(dir).href}/`)
  writeFileSync(file, html)
  return file
}

/** Builds once in watch mode, then edits one paragraph `runs` times: the rebuild times. */
async function watchRebuilds(dir: string, file: string, paragraph: string): Promise<number[]> {
  const stop = new AbortController()
  const times: number[] = []
  let resolveNext: (() => void) | undefined
  const running = watch({
    input: dir,
    outDir: join(dir, '..', 'watch-out'),
    log: () => undefined,
    signal: stop.signal,
    debounceMs: 50,
    onBuild: ({ ms, error }) => {
      if (error) throw error
      times.push(ms)
      resolveNext?.()
    },
  })
  const nextBuild = () => new Promise<void>((r) => (resolveNext = r))
  await nextBuild()
  const text = readFileSync(file, 'utf8')
  for (let i = 1; i <= runs; i++) {
    writeFileSync(file, text.replace(paragraph, `${paragraph}这是基准测试第${i}次改动的一句话。`))
    await nextBuild()
  }
  stop.abort()
  await running
  return times.slice(1)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The median time and the highest peak of several measurements. */
function summary(measured: { ms: number; peakMb: number }[]): { ms: number; peakMb: number } {
  return { ms: median(measured.map((m) => m.ms)), peakMb: Math.max(...measured.map((m) => m.peakMb)) }
}

interface Row {
  pages: number
  booklet: { ms: number; peakMb: number }
  /** Of the cold build, the browser's part: layout and print (what pagedjs-cli does too). */
  renderMs: number
  pagedjs: { ms: number; peakMb: number }
  chromium: { ms: number }
  rebuildMs: number
}

const rows: Row[] = []
const cli = pagedjsCli()
// The CLI's bundle is made at its first run after an install or an edit (bin/load-cli.mjs); a
// user's builds after that start from it, and so do the measured ones.
execFileSync(process.execPath, [join(root, 'bin/booklet.mjs'), '--help'])
for (const size of sizes) {
  const manuscript = generateManuscript(join(work, `m${size}`, 'manuscript'), size)
  const out = join(work, `m${size}`, 'out')
  const oursRuns: { ms: number; peakMb: number }[] = []
  const theirsRuns: { ms: number; peakMb: number }[] = []
  const floorRuns: { ms: number; peakMb: number }[] = []
  const renderRuns: number[] = []
  let report: { pageCount: number; timings: Record<string, number>; preflight?: { checks: { ok: boolean; rule: string; title: string; problems: string[] }[] } } | undefined
  let html = ''
  for (let run = 1; run <= runs; run++) {
    // Cold each time: no earlier booklet in the output folder either.
    rmSync(out, { recursive: true, force: true })
    const ours = await measure(process.execPath, [join(root, 'bin/booklet.mjs'), 'build', manuscript.dir, '--out', out, '--json', '--timeout', '1800'])
    if (ours.code !== 0) throw new Error(`booklet build failed:\n${ours.output.slice(-2000)}`)
    report = JSON.parse(ours.output.slice(ours.output.indexOf('{')))
    // A fast booklet that is wrong is no result: say so beside the numbers (a long 目录 once lost rows).
    for (const check of run === 1 ? (report!.preflight?.checks ?? []) : []) {
      if (!check.ok) console.error(`${size}: 印前检查未通过 ${check.rule} ${check.title}：${check.problems.slice(0, 3).join('；')}`)
    }
    oursRuns.push(ours)
    renderRuns.push(report!.timings.render!)
    html ||= standaloneHtml(out, join(work, `m${size}`, 'standalone.html'))
    const theirs = await measure(cli, [html, '-o', join(work, `m${size}`, 'pagedjs-cli.pdf'), '--browserArgs', '--no-sandbox,--disable-gpu', '-t', '1800000'], { PUPPETEER_EXECUTABLE_PATH: browser })
    if (theirs.code !== 0) throw new Error(`pagedjs-cli failed:\n${theirs.output.slice(-2000)}`)
    theirsRuns.push(theirs)
    floorRuns.push(await measure(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${join(work, `m${size}`, 'chromium.pdf')}`, pathToFileURL(html).href]))
  }
  const ours = summary(oursRuns)
  const theirs = summary(theirsRuns)
  const rebuilds = await watchRebuilds(manuscript.dir, manuscript.editable.file, manuscript.editable.paragraph)
  rows.push({ pages: report!.pageCount, booklet: ours, renderMs: median(renderRuns), pagedjs: theirs, chromium: summary(floorRuns), rebuildMs: median(rebuilds) })
  console.error(`${size}: ${report!.pageCount} 页，booklet ${(ours.ms / 1000).toFixed(1)} s，pagedjs-cli ${(theirs.ms / 1000).toFixed(1)} s（${runs} 次的中位数）`)
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
console.log(`\n每项测 ${runs} 次（booklet 与 pagedjs-cli 交替），取中位数；峰值内存取最高的一次。\n机器：${cpus()[0]?.model ?? '?'} × ${cpus().length}，内存 ${Math.round(totalmem() / 2 ** 30)} GiB；${execFileSync(browser, ['--version'], { encoding: 'utf8' }).trim()}；Node ${process.version}\n`)
console.log('| A5 页数 | booklet 冷启动 | pagedjs-cli | 比值 | 其中分页与打印 | 比值 | Chromium 直接打印（下限） | watch 改一段后重新生成 | 重新生成 / 冷启动 | 峰值内存 booklet | 峰值内存 pagedjs-cli |')
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
for (const r of rows) {
  console.log(
    `| ${r.pages} | ${s(r.booklet.ms)} | ${s(r.pagedjs.ms)} | ${(r.booklet.ms / r.pagedjs.ms).toFixed(2)} | ${s(r.renderMs)} | ${(r.renderMs / r.pagedjs.ms).toFixed(2)} | ${s(r.chromium.ms)} | ${s(r.rebuildMs)} | ${(r.rebuildMs / r.booklet.ms).toFixed(2)} | ${Math.round(r.booklet.peakMb)} MiB | ${Math.round(r.pagedjs.peakMb)} MiB |`,
  )
}

if (soakRuns > 0) {
  // Several articles: each save lays out only the edited one (issue 6), the path a watch takes most.
  const manuscript = generateManuscript(join(work, 'soak', 'manuscript'), soakPages)
  const stop = new AbortController()
  const memory: number[] = []
  let count = 0
  let resolveNext: (() => void) | undefined
  const running = watch({
    input: manuscript.dir,
    outDir: join(work, 'soak', 'out'),
    log: () => undefined,
    signal: stop.signal,
    debounceMs: 20,
    onBuild: () => {
      memory.push(treeRssMb(process.pid))
      count++
      resolveNext?.()
    },
  })
  const next = () => new Promise<void>((r) => (resolveNext = r))
  await next()
  const original = readFileSync(manuscript.editable.file, 'utf8')
  for (let i = 1; i <= soakRuns; i++) {
    writeFileSync(manuscript.editable.file, original.replace(manuscript.editable.paragraph, `${manuscript.editable.paragraph}第${i}次改动。`))
    await next()
  }
  stop.abort()
  await running
  // memory[0]: after the first (whole) build; memory[i]: after the i-th rebuild.
  const rebuilds = count - 1
  const points = [...new Set([0, 10, Math.floor(rebuilds / 2), rebuilds])].filter((i) => i <= rebuilds).sort((a, b) => a - b)
  const label = (i: number) => (i === 0 ? '第一次生成后' : `第 ${i} 次重新生成后`)
  console.log(`\n同一个 watch 中重新生成 ${rebuilds} 次（约 ${soakPages} 页、多篇文章的稿件，每次只重排改动的一篇），进程树内存：${points.map((i) => `${label(i)} ${Math.round(memory[i]!)} MiB`).join('，')}`)
}

if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true })
else console.error(`工作文件夹：${work}`)
