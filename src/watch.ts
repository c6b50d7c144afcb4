/**
 * `booklet watch`: rebuilds the booklet on every save of a manuscript file, booklet.yaml or a
 * style file. One browser stays open between rebuilds; saves are debounced and rebuilds never
 * overlap (a save during a rebuild queues one more). A broken edit prints its error with file and
 * line, and the last good PDF stays in place (build writes nothing then). With `serve`, the
 * pages are also shown in the author's browser, which reloads after each rebuild.
 */
import { watch as watchFiles, type FSWatcher } from 'chokidar'
import { basename, resolve, sep } from 'node:path'
import { createBuildCache } from './build-cache.ts'
import { build, INTERRUPTED, type BuildOptions } from './build.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { STYLES_DIR } from './document/styles.ts'
import { BookletError } from './errors.ts'
import { displayPath } from './manuscript/load-manuscript.ts'
import { locateBrowser } from './render/locate-browser.ts'
import { startPreview } from './preview/preview-server.ts'
import { openBrowser, type BrowserSession } from './render/render-pdf.ts'
import { namePages, type BuildReport } from './report.ts'

export interface WatchOptions extends Omit<BuildOptions, 'session'> {
  input: string
  /** Quiet time after the last save before a rebuild starts. */
  debounceMs?: number
  log: (line: string) => void
  /** Stops watching (Ctrl-C). */
  signal: AbortSignal
  /** Also show the pages in the author's browser on this loopback port (0: any free one). */
  serve?: number | undefined
  /** Called after each rebuild, for tests and tools. */
  onBuild?: (result: { report?: BuildReport; error?: BookletError; ms: number }) => void
}

const WATCHED = /\.(md|markdown|txt|docx|ya?ml|css|png|jpe?g|gif|svg|webp)$/i

export async function watch(options: WatchOptions): Promise<void> {
  const cwd = options.cwd ?? process.cwd()
  const input = resolve(cwd, options.input)
  const outDir = resolve(cwd, options.outDir ?? 'dist')
  // No browser, no watching: say so at once, not on the first save.
  const browserPath = options.browserWs ? undefined : locateBrowser({ flag: options.browserPath })
  // A port already taken is said before anything starts.
  const preview = options.serve === undefined ? undefined : await startPreview({ port: options.serve, outDir, input })
  let session: BrowserSession
  try {
    session = await openBrowser({ browserPath, wsEndpoint: options.browserWs, timeoutMs: options.timeoutMs })
  } catch (error) {
    await preview?.close()
    throw error
  }
  const ignored = (path: string) => {
    const name = basename(path)
    return (
      path === outDir ||
      path.startsWith(outDir + sep) ||
      path.split(sep).some((part) => part === '.booklet-backup' || part === 'node_modules' || part === '.git') ||
      name.startsWith('~$') ||
      name.startsWith('.booklet-tmp-')
    )
  }
  const watcher: FSWatcher = watchFiles([input, STYLES_DIR], {
    ignoreInitial: true,
    ignored: (path, stats) => ignored(path) || (stats?.isFile() === true && !WATCHED.test(path)),
    // Editors save in several writes; wait until the file has settled.
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
  })

  const cache = createBuildCache()
  let running = false
  let pending = false
  let timer: NodeJS.Timeout | undefined
  let changed = new Set<string>()
  let removed = new Set<string>()

  const rebuild = async () => {
    if (running) {
      pending = true
      return
    }
    running = true
    const files = [...changed].map((f) => displayPath(f, cwd))
    const gone = [...removed].map((f) => displayPath(f, cwd))
    changed = new Set()
    removed = new Set()
    const started = performance.now()
    const stamp = new Date().toTimeString().slice(0, 8)
    const what = [files.length ? `已保存：${files.join('、')}` : '', gone.length ? `已删除：${gone.join('、')}` : ''].filter(Boolean)
    if (what.length) options.log(`[${stamp}] ${what.join('；')}，重新生成……`)
    try {
      if (!session.browser.connected) session = await openBrowser({ browserPath, wsEndpoint: options.browserWs, timeoutMs: options.timeoutMs })
      const report = await build({ ...options, cwd, input, outDir, session, cache })
      const ms = Math.round(performance.now() - started)
      printRebuild(report, ms, options.log)
      if (report.ok) preview?.reload()
      options.onBuild?.({ report, ms })
    } catch (error) {
      const ms = Math.round(performance.now() - started)
      // Stopped by Ctrl-C: the watch says so as it ends, not as a failed rebuild.
      if (options.signal.aborted) {
        options.log(INTERRUPTED)
        return
      }
      if (!(error instanceof BookletError)) throw error
      options.log(`错误：${error.message}`)
      if (error.hint) options.log(error.hint)
      options.log('上一次生成的 PDF 保持不变；改好后保存即可重新生成。')
      options.onBuild?.({ error, ms })
    } finally {
      running = false
    }
    if (pending) {
      pending = false
      await rebuild()
    }
  }

  const schedule = (event: string, path: string) => {
    // A file saved again after it was deleted (an editor's safe write) counts as saved.
    if (event === 'unlink' || event === 'unlinkDir') (removed.add(path), changed.delete(path))
    else (changed.add(path), removed.delete(path))
    clearTimeout(timer)
    timer = setTimeout(() => void rebuild().catch(fail), options.debounceMs ?? 200)
  }
  let failure: unknown
  let stop: () => void = () => undefined
  const fail = (error: unknown) => {
    failure = error
    stop()
  }

  await new Promise<void>((ready) => watcher.once('ready', ready))
  options.log(`正在监视 ${displayPath(input, cwd)}（以及样式文件），保存后自动重新生成；按 Ctrl-C 结束。`)
  if (preview) options.log(`预览：${preview.url}（用浏览器打开，每次生成后自动刷新）`)
  await rebuild().catch(fail)
  watcher.on('all', (event, path) => schedule(event, path))
  await new Promise<void>((done) => {
    stop = done
    if (options.signal.aborted) done()
    options.signal.addEventListener('abort', () => done(), { once: true })
  })
  clearTimeout(timer)
  await watcher.close()
  // Issue 20 (F-14): a rebuild in progress writes nothing after Ctrl-C (build checks the signal
  // before it writes) and its browser goes at once, so that it ends within moments.
  if (running) await session.close().catch(() => undefined)
  while (running) await new Promise((r) => setTimeout(r, 50))
  await session.close()
  await preview?.close()
  if (failure) throw failure
}

/** Which PDF pages differ from the last booklet, and how many pages it lost (an article deleted or shortened). */
export function pageChanges(changes: { pages: number[]; removed: number }, pages: BuildReport['pages']): string {
  const lost = changes.removed ? `少了 ${changes.removed} 页` : ''
  if (changes.pages.length === 0) return lost || '页面无变化'
  return `变化的页：${namePages(changes.pages, pages)}${lost ? `，${lost}` : ''}`
}

/** One rebuild, briefly: errors and warnings in full, the rest counted. */
function printRebuild(report: BuildReport, ms: number, log: (line: string) => void): void {
  const shown = report.diagnostics.filter((d) => d.severity !== 'info')
  for (const d of shown) log(formatDiagnostic(d))
  const infos = report.diagnostics.length - shown.length
  const stamp = new Date().toTimeString().slice(0, 8)
  if (!report.ok) {
    log(`[${stamp}] 未生成：有错误（见上），上一次的 PDF 保持不变。用时 ${(ms / 1000).toFixed(1)} 秒`)
    return
  }
  const what = report.changes ? `，${pageChanges(report.changes, report.pages)}` : ''
  // Issue 6: said when only the edited articles were laid out again, the rest kept as they were.
  const relaid = report.relaid?.length ? `，只重排了 ${report.relaid.join('、')}` : ''
  log(`[${stamp}] 已生成 ${report.outputs.pdf}（共 ${report.pageCount} 页${what}${relaid}）${infos ? `，另有 ${infos} 条提示（booklet check 可查看）` : ''}，用时 ${(ms / 1000).toFixed(1)} 秒`)
}
