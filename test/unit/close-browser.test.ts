/** A browser that acknowledges close but never exits does not keep a build waiting (trial: a timed-out build never ended). */
import { spawn } from 'node:child_process'
import type { Browser } from 'puppeteer-core'
import { describe, expect, it } from 'vitest'
import { closeBrowser } from '../../src/render/launch-browser.ts'

describe('closing a launched browser', () => {
  it('gives a browser whose close never finishes a few seconds, then ends its process group', async () => {
    // detached: its own process group, as Puppeteer starts Chromium.
    const child = spawn('sh', ['-c', 'sleep 4646 & wait'], { detached: true, stdio: 'ignore' })
    const exited = new Promise((done) => child.once('exit', done))
    const hung = { close: () => new Promise<void>(() => undefined), process: () => child } as unknown as Browser
    const page = { close: () => new Promise<void>(() => undefined) }
    const started = Date.now()
    await closeBrowser(hung, page, 300)
    expect(Date.now() - started).toBeLessThan(2_000)
    await exited
    expect(child.signalCode).toBe('SIGKILL')
  })

  it('does not touch a browser that closed in time', async () => {
    const child = spawn('true', { detached: true, stdio: 'ignore' })
    await new Promise((done) => child.once('exit', done))
    let closed = false
    const polite = { close: async () => void (closed = true), process: () => child } as unknown as Browser
    await closeBrowser(polite, undefined, 300)
    expect([closed, child.exitCode]).toEqual([true, 0])
  })
})
