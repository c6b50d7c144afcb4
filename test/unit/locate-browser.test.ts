import { tmpdir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { BookletError } from '../../src/errors.ts'
import { locateBrowser } from '../../src/render/locate-browser.ts'

/** An isExecutable that accepts exactly the given paths and records every path it was asked about. */
function only(...paths: string[]) {
  const asked: string[] = []
  const isExecutable = (path: string) => {
    asked.push(path)
    return paths.includes(path)
  }
  return { isExecutable, asked }
}

function thrown(fn: () => unknown): BookletError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(BookletError)
    return error as BookletError
  }
  throw new Error('expected a BookletError, nothing was thrown')
}

const LINUX_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/usr/bin/microsoft-edge',
  '/opt/google/chrome/chrome',
]

describe('locateBrowser', () => {
  it('uses the --browser flag first, over env vars and known paths', () => {
    const { isExecutable, asked } = only('/my/chrome', '/env/chrome', '/usr/bin/chromium')
    const env = { BOOKLET_BROWSER: '/env/chrome' }
    expect(locateBrowser({ flag: '/my/chrome', env, platform: 'linux', isExecutable })).toBe('/my/chrome')
    expect(asked).toEqual(['/my/chrome'])
  })

  it('throws a BookletError naming a --browser path that does not work, without falling back', () => {
    const { isExecutable } = only('/env/chrome', '/usr/bin/chromium')
    const error = thrown(() =>
      locateBrowser({ flag: '/no/such/chrome', env: { BOOKLET_BROWSER: '/env/chrome' }, platform: 'linux', isExecutable }),
    )
    expect(error.message).toContain('--browser')
    expect(error.message).toContain('/no/such/chrome')
    expect(error.hint).toBeTruthy()
  })

  it('prefers BOOKLET_BROWSER over PUPPETEER_EXECUTABLE_PATH over CHROME_PATH', () => {
    const env = { BOOKLET_BROWSER: '/b', PUPPETEER_EXECUTABLE_PATH: '/p', CHROME_PATH: '/c' }
    const all = only('/b', '/p', '/c', '/usr/bin/chromium').isExecutable
    expect(locateBrowser({ env, platform: 'linux', isExecutable: all })).toBe('/b')
    const others = { PUPPETEER_EXECUTABLE_PATH: '/p', CHROME_PATH: '/c' }
    expect(locateBrowser({ env: others, platform: 'linux', isExecutable: only('/p', '/c').isExecutable })).toBe('/p')
    expect(locateBrowser({ env: others, platform: 'linux', isExecutable: only('/c').isExecutable })).toBe('/c')
  })

  it('refuses a BOOKLET_BROWSER that does not work instead of quietly using another browser', () => {
    const env = { BOOKLET_BROWSER: '/nope', CHROME_PATH: '/c' }
    expect(() => locateBrowser({ env, platform: 'linux', isExecutable: only('/c').isExecutable })).toThrow(/BOOKLET_BROWSER.*\/nope/)
  })

  it('skips unset and empty env vars', () => {
    const env = { BOOKLET_BROWSER: '', CHROME_PATH: '/c' }
    expect(locateBrowser({ env, platform: 'linux', isExecutable: only('/c').isExecutable })).toBe('/c')
  })

  it('falls back to the known install paths of the platform, in order', () => {
    expect(locateBrowser({ env: {}, platform: 'linux', isExecutable: only('/usr/bin/google-chrome', '/snap/bin/chromium').isExecutable })).toBe(
      '/usr/bin/google-chrome',
    )
    expect(
      locateBrowser({
        env: {},
        platform: 'darwin',
        isExecutable: only('/Applications/Chromium.app/Contents/MacOS/Chromium').isExecutable,
      }),
    ).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium')
    expect(
      locateBrowser({
        env: {},
        platform: 'win32',
        isExecutable: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe').isExecutable,
      }),
    ).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe')
  })

  it('does not try the paths of another platform', () => {
    const { isExecutable, asked } = only('/usr/bin/chromium')
    expect(() => locateBrowser({ env: {}, platform: 'win32', isExecutable })).toThrow(BookletError)
    expect(asked).not.toContain('/usr/bin/chromium')
  })

  it('when nothing is found, the hint lists every env var and path that was tried', () => {
    const { isExecutable, asked } = only()
    const error = thrown(() => locateBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/stale/chrome' }, platform: 'linux', isExecutable }))
    expect(error.message).toContain('找不到可用的浏览器')
    const hint = error.hint ?? ''
    expect(hint).toContain('环境变量 BOOKLET_BROWSER（未设置）')
    expect(hint).toContain('环境变量 PUPPETEER_EXECUTABLE_PATH=/stale/chrome（不存在或无法运行）')
    expect(hint).toContain('环境变量 CHROME_PATH（未设置）')
    for (const path of LINUX_PATHS) expect(hint).toContain(`  - ${path}`)
    expect(asked).toEqual(['/stale/chrome', ...LINUX_PATHS])
    // Tried places are listed in the order they were tried.
    const order = ['BOOKLET_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH', ...LINUX_PATHS].map((x) => hint.indexOf(x))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(hint).toContain('--browser')
  })

  it('on a platform without known paths, the hint still lists the env vars', () => {
    const error = thrown(() => locateBrowser({ env: {}, platform: 'aix', isExecutable: () => false }))
    expect(error.hint).toContain('BOOKLET_BROWSER')
    expect(error.hint).toContain('PUPPETEER_EXECUTABLE_PATH')
    expect(error.hint).toContain('CHROME_PATH')
  })

  it('does not take a folder or a file without the execute bit for a browser (a folder has the x bit too)', () => {
    for (const path of [tmpdir(), '/etc/passwd']) {
      expect(thrown(() => locateBrowser({ flag: path, env: {} })).message).toBe(`--browser 指定的浏览器不存在或无法运行：${path}`)
    }
  })
})
