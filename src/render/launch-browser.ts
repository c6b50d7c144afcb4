/**
 * Starts Chromium for a build. Its profile and temporary files live in one folder of ours
 * (booklet-browser-PID-…), removed when the browser exits, when the build is interrupted, and —
 * for a build that was killed outright — by the next build, once no process of that id runs.
 * A browser path the user chose is first asked for its version: a program that is not a
 * browser (a folder, /bin/false, a script that never answers) is named as such at once.
 */
import { execFileSync, spawn } from 'node:child_process'
import { accessSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'puppeteer-core'
import { BookletError } from '../errors.ts'
import { isRunning } from '../running.ts'
import { isKnownBrowserPath, locateBrowser } from './locate-browser.ts'

/**
 * Why each flag: see the comments. Issue 20 (F-11): the browser makes no request of its own —
 * no update checks, account, translation, safe-browsing or metrics traffic, no extensions (the
 * Debian launcher script loads remote ones: launchBrowser starts the program behind it) — and
 * resolves no name but the page's own: every other name fails at once, before any DNS query.
 */
export const LAUNCH_ARGS = [
  '--no-sandbox', // runs as root in containers and CI
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking', // no connections to Google's services
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--no-pings',
  '--metrics-recording-only',
  '--disable-features=Translate,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,NetworkTimeServiceQuerying',
  // Still called with all of the above (Chromium 156): the component updater (update.googleapis.com)
  // and the account service (accounts.google.com), sent to a closed port of this machine instead.
  '--component-updater=url-source=http://127.0.0.1:1',
  '--gaia-url=http://127.0.0.1:1',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1',
  '--disable-dev-shm-usage', // small /dev/shm in containers
  '--font-render-hinting=none', // glyph advances as designed, same as in the PDF
]

/**
 * The browser program itself where `path` is a launcher script that adds flags and Google API
 * keys of its own (Debian's /usr/bin/chromium: LIBDIR=/usr/lib/chromium, APPNAME=chromium, and
 * /etc/chromium.d's --enable-remote-extensions --load-extension=…).
 */
export function programBehindLauncher(path: string): string {
  // Its first 4 KB only: a browser program itself is some 250 MB.
  let head: string
  try {
    const file = openSync(path, 'r')
    try {
      const bytes = Buffer.alloc(4096)
      head = bytes.subarray(0, readSync(file, bytes, 0, bytes.length, 0)).toString('latin1')
    } finally {
      closeSync(file)
    }
  } catch {
    return path
  }
  if (!head.startsWith('#!')) return path
  const libdir = /^LIBDIR=(\S+)$/mu.exec(head)?.[1]
  const app = /^APPNAME=(\S+)$/mu.exec(head)?.[1]
  if (!libdir || !app) return path
  const program = join(libdir.replaceAll('$APPNAME', app), app)
  try {
    accessSync(program, constants.X_OK)
    return program
  } catch {
    return path
  }
}

const PREFIX = 'booklet-browser-'

/** Browsers of this process still running: an interrupted build ends them and removes their folders. */
const running = new Map<number, string>()
/** Folders of browsers still starting (no process handle yet): found by their folder in the command line. */
const starting = new Set<string>()

/** A browser that has not answered on its DevTools pipe by then will not (see launchBrowser). */
export const STARTUP_LIMIT_MS = 30_000

/**
 * A backstop for a DevTools call that never answers. The layout's own time limit (--timeout) is
 * enforced around the layout; starting the browser must not fall under a limit of a few seconds.
 */
export const protocolTimeout = (timeoutMs = 300_000) => timeoutMs + 30_000

export async function launchBrowser(browserPath: string | undefined, timeoutMs = 300_000, startupLimitMs = STARTUP_LIMIT_MS): Promise<Browser> {
  const executablePath = locateBrowser({ flag: browserPath })
  if (!isKnownBrowserPath(executablePath)) await checkAnswersAsBrowser(executablePath)
  removeLeftFolders()
  const folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`))
  starting.add(folder)
  mkdirSync(join(folder, 'tmp'))
  const puppeteer = await import('puppeteer-core')
  const launching = puppeteer.launch({
    executablePath: programBehindLauncher(executablePath),
    headless: true,
    args: LAUNCH_ARGS,
    userDataDir: join(folder, 'profile'),
    // Chromium's own temporary files (org.chromium.Chromium.*) go into the same folder.
    env: { ...process.env, TMPDIR: join(folder, 'tmp') },
    protocolTimeout: protocolTimeout(timeoutMs),
    // DevTools over a pipe, not a port: Chromium quits when this process ends in any way
    // (Ctrl-C, kill -9, a crash), so no browser is left running behind a dead build.
    pipe: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  })
  // Over a pipe, Puppeteer's own start-up timeout does not apply: a program that answers
  // --version and then never speaks DevTools would only fail after protocolTimeout (minutes).
  let timer: NodeJS.Timeout | undefined
  const tooSlow = new Promise<'too slow'>((done) => {
    timer = setTimeout(() => done('too slow'), startupLimitMs)
  })
  try {
    const browser = await Promise.race([launching, tooSlow])
    if (browser === 'too slow') {
      launching.then((late) => late.close(), () => undefined)
      throw new BookletError(`浏览器 ${Math.round(startupLimitMs / 1000)} 秒内没有启动：${executablePath}`, {
        hint: `它也许缺少运行所需的库，或在这台机器上无法以无界面方式运行。请在终端运行 ${executablePath} --headless --dump-dom about:blank 看它报什么错，或用 --browser 指定另一个 Chromium、Chrome 或 Edge。`,
      })
    }
    const child = browser.process()
    if (child?.pid) {
      running.set(child.pid, folder)
      child.once('exit', () => {
        running.delete(child.pid!)
        removeFolder(folder)
      })
    }
    return browser
  } catch (cause) {
    endProcessesOf(folder)
    removeFolder(folder)
    if (cause instanceof BookletError) throw cause
    throw new BookletError(`浏览器无法启动：${executablePath}`, {
      hint: `请确认这是 Chromium、Chrome 或 Edge 的可执行文件，内存是否够用；可以再试一次。浏览器报告：${(cause as Error).message.split('\n')[0]}`,
      cause,
    })
  } finally {
    clearTimeout(timer)
    starting.delete(folder)
  }
}

/** For a signal handler: ends this process's browsers at once and removes their folders (synchronous). */
export function endBrowsersNow(): void {
  for (const [pid, folder] of running) {
    killGroup(pid)
    removeFolder(folder)
  }
  running.clear()
  for (const folder of starting) {
    endProcessesOf(folder)
    removeFolder(folder)
  }
  starting.clear()
}

/** Ends one browser this process launched, at once (its folder goes when it has exited). */
export function endBrowser(browser: Browser): void {
  const child = browser.process()
  if (child?.pid && child.exitCode === null && child.signalCode === null) killGroup(child.pid)
}

/**
 * Closes a browser we launched, and its page, politely for a few seconds, then for good: a
 * browser whose renderer hangs acknowledges Browser.close but never exits, and Puppeteer waits
 * for that exit without a limit (a build timed out and then never ended).
 */
export async function closeBrowser(browser: Browser, page: { close(): Promise<void> } | undefined, graceMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<void>((done) => {
    timer = setTimeout(done, graceMs)
  })
  const polite = (async () => {
    await page?.close()
    await browser.close()
  })().catch(() => undefined)
  await Promise.race([polite, grace])
  clearTimeout(timer)
  endBrowser(browser)
}

/** Puppeteer starts Chromium as the leader of its own process group: the group is all of it. */
function killGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/**
 * Ends a browser whose process handle Puppeteer has not given us yet (still starting, or given
 * up on): the processes that were given this folder — as their profile in the command line, or
 * as TMPDIR in the environment, which survives a wrapper script's `exec` — and their groups.
 */
function endProcessesOf(folder: string): void {
  for (const pid of processesMentioning(folder)) if (pid !== process.pid) killGroup(pid)
}

function processesMentioning(folder: string): number[] {
  if (process.platform === 'linux') {
    const found: number[] = []
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (['cmdline', 'environ'].some((what) => readFileSync(`/proc/${entry}/${what}`, 'latin1').includes(folder))) found.push(Number(entry))
      } catch {
        // gone meanwhile, or another user's
      }
    }
    return found
  }
  if (process.platform === 'win32') return []
  try {
    const table = execFileSync('ps', ['-A', '-o', 'pid=,args='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return table.split('\n').flatMap((line) => {
      const match = /^\s*(\d+)\s(.*)$/.exec(line)
      return match && match[2]!.includes(folder) ? [Number(match[1])] : []
    })
  } catch {
    return []
  }
}

/** Chromium's processes may still be writing for a moment after they were killed: a few retries. */
function removeFolder(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
  } catch {
    // Left for the next build to remove (removeLeftFolders).
  }
}

/** Folders of builds that were killed (their process is gone). */
function removeLeftFolders(): void {
  let names: string[] = []
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0])
    if (!pid || pid === process.pid || isRunning(pid)) continue
    removeFolder(join(tmpdir(), name))
  }
}

/** `--version` must answer within seconds with a Chromium-family name (locateBrowser has made sure it is an executable file). */
async function checkAnswersAsBrowser(path: string): Promise<void> {
  if (process.platform === 'win32') return // chrome.exe --version prints nothing on Windows
  const notABrowser = (why: string) =>
    new BookletError(`${path} 不是可用的浏览器（${why}）`, {
      hint: 'booklet 需要 Chromium、Chrome 或 Edge；请用 --browser 或环境变量 BOOKLET_BROWSER 指定它的可执行文件，例如 /usr/bin/chromium。',
    })
  const answer = await new Promise<string>((done, fail) => {
    // In its own process group: a script that hangs is ended together with what it started.
    const child = spawn(path, ['--version'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk.slice(0, 4096)))
    const timer = setTimeout(() => {
      killGroup(child.pid!)
      fail(notABrowser('运行 --version 十秒没有回答'))
    }, 10_000)
    child.once('error', () => {
      clearTimeout(timer)
      fail(notABrowser('无法运行'))
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      if (code === 0) done(stdout)
      else fail(notABrowser('运行 --version 出错'))
    })
  })
  const firstLine = answer.trim().split('\n')[0]!.trim()
  if (!/chrom|edge/i.test(answer)) throw notABrowser(`它的版本信息是“${firstLine.slice(0, 60) || '（空）'}”`)
}
