/**
 * Finds a Chromium-family browser already on the machine. npm may not download one here (and
 * offices often block such downloads), so the order is: --browser flag, environment variables,
 * then the usual install paths. When none works, the error lists every place that was tried.
 */
import { accessSync, constants, statSync } from 'node:fs'
import { BookletError } from '../errors.ts'

const ENV_VARS = ['BOOKLET_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH']

const KNOWN_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
}

export interface LocateOptions {
  flag?: string | undefined
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  isExecutable?: (path: string) => boolean
}

function executable(path: string): boolean {
  try {
    // A folder has the execute bit too.
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** One of the usual install paths (a browser there is not asked for its version first). */
export function isKnownBrowserPath(path: string, platform: NodeJS.Platform = process.platform): boolean {
  return (KNOWN_PATHS[platform] ?? []).includes(path)
}

export function locateBrowser(options: LocateOptions = {}): string {
  const env = options.env ?? process.env
  const isExecutable = options.isExecutable ?? executable
  const tried: string[] = []
  if (options.flag) {
    if (isExecutable(options.flag)) return options.flag
    throw new BookletError(`--browser 指定的浏览器不存在或无法运行：${options.flag}`, {
      hint: '请给出 Chromium、Chrome 或 Edge 可执行文件的完整路径。',
    })
  }
  for (const name of ENV_VARS) {
    const value = env[name]
    if (!value) {
      tried.push(`环境变量 ${name}（未设置）`)
      continue
    }
    if (isExecutable(value)) return value
    // booklet's own variable is the user's explicit choice: a wrong path is an error, not a hint.
    if (name === 'BOOKLET_BROWSER') {
      throw new BookletError(`环境变量 BOOKLET_BROWSER 指定的浏览器不存在或无法运行：${value}`, {
        hint: '请改正这个路径，或删除该环境变量让 booklet 自动查找浏览器。',
      })
    }
    tried.push(`环境变量 ${name}=${value}（不存在或无法运行）`)
  }
  for (const path of KNOWN_PATHS[options.platform ?? process.platform] ?? []) {
    if (isExecutable(path)) return path
    tried.push(path)
  }
  throw new BookletError('找不到可用的浏览器（Chromium / Chrome / Edge），无法排版 PDF', {
    hint: [
      '已尝试：',
      ...tried.map((t) => `  - ${t}`),
      '解决办法：在 Debian/Ubuntu 上运行 `sudo apt-get install chromium`；',
      '或用 --browser 路径 / 环境变量 BOOKLET_BROWSER 指定已安装的浏览器。',
    ].join('\n'),
  })
}
