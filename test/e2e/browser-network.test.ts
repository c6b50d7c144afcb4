/**
 * Issue 20 (F-11): the browser makes no network request of its own. Chromium is started as a
 * build starts it (the program behind Debian's launcher script, booklet's switches) with every
 * connection to another machine sent to a recording proxy, and left to its background services
 * while it shows a page; the proxy must see nothing. (Without the two switches that send the
 * component updater and the account service to a closed local port, Chromium 156 asked for
 * update.googleapis.com and accounts.google.com here within eight seconds.)
 */
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAUNCH_ARGS, programBehindLauncher } from '../../src/render/launch-browser.ts'
import { locateBrowser } from '../../src/render/locate-browser.ts'

let proxy: Server
let port = 0
const seen: string[] = []

beforeAll(async () => {
  proxy = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    response.writeHead(502).end()
  })
  // HTTPS goes through CONNECT: recorded and refused.
  proxy.on('connect', (request, socket) => {
    seen.push(`CONNECT ${request.url}`)
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
  })
  await new Promise<void>((ready) => proxy.listen(0, '127.0.0.1', () => ready()))
  port = (proxy.address() as { port: number }).port
})
afterAll(() => proxy.close())

/** What the browser asked the proxy for while it showed a page for `ms`. */
async function requestsOf(executablePath: string, args: string[], ms: number): Promise<string[]> {
  seen.length = 0
  const profile = mkdtempSync(join(tmpdir(), 'booklet-network-'))
  const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args: [...args, `--proxy-server=http://127.0.0.1:${port}`], userDataDir: profile })
  try {
    const page = await browser.newPage()
    await page.setContent('<p>讲话</p>')
    await new Promise((done) => setTimeout(done, ms))
    return [...seen]
  } finally {
    await browser.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

describe('the browser of a build', () => {
  it('is the program itself, not a launcher script that adds flags of its own', () => {
    const found = locateBrowser({})
    const program = programBehindLauncher(found)
    expect(program.startsWith('/usr/lib/') || program === found).toBe(true)
    if (found === '/usr/bin/chromium') expect(program).toBe('/usr/lib/chromium/chromium')
  })

  it('makes no request of its own while it lays out a page', { timeout: 60_000 }, async () => {
    expect(await requestsOf(programBehindLauncher(locateBrowser({})), LAUNCH_ARGS, 8000)).toEqual([])
  })
})
