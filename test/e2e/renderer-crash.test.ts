/**
 * Issue 20 (F-7): the renderer of the page laying out the booklet dies mid-layout (out of memory,
 * killed). The build must say so at once — not wait out its time limit (300 s by default) and
 * then blame the manuscript — and leave the previous PDF as it was.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateManuscript } from '../../bench/generate.ts'
import { build } from '../../src/build.ts'
import { BookletError } from '../../src/errors.ts'
import { openBrowser } from '../../src/render/render-pdf.ts'

describe('a renderer that crashes during layout', () => {
  it('is reported as a crash within seconds, and the previous PDF stays', { timeout: 120_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'booklet-crash-'))
    const manuscript = generateManuscript(join(work, 'manuscript'), 200)
    const out = join(work, 'out')
    const session = await openBrowser({})
    try {
      expect((await build({ input: manuscript.dir, outDir: out, session })).ok).toBe(true)
      const before = readFileSync(join(out, 'booklet.pdf'))
      writeFileSync(join(manuscript.dir, manuscript.articles[0]!), `${readFileSync(join(manuscript.dir, manuscript.articles[0]!), 'utf8')}\n\n新加的一段。\n`)
      const started = Date.now()
      const building = build({ input: manuscript.dir, outDir: out, session, timeoutMs: 120_000 }).then(
        () => undefined,
        (error: unknown) => error,
      )
      // Once the page is at work on the new layout, its renderer goes.
      while (!session.page && Date.now() - started < 30_000) await new Promise((done) => setTimeout(done, 20))
      await new Promise((done) => setTimeout(done, 300))
      const client = await session.page!.page.createCDPSession()
      await client.send('Page.crash').catch(() => undefined)
      const error = await building
      expect(error).toBeInstanceOf(BookletError)
      expect((error as BookletError).message).toMatch(/页面崩溃了（渲染进程意外退出）/u)
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(readFileSync(join(out, 'booklet.pdf')).equals(before)).toBe(true)
      expect(existsSync(join(out, 'booklet.html'))).toBe(true)
    } finally {
      await session.close()
    }
  })
})
