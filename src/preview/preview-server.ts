/**
 * `booklet watch --serve`: the booklet's pages in the author's own browser (issue 6). Serves the
 * last booklet.html written, with Paged.js and our page driver added, on a loopback port; each
 * page is laid out there as in the PDF (page numbers, 目录 numbers), and reloads itself after
 * every rebuild (Server-Sent Events). Only this machine can reach it, only by the names 127.0.0.1
 * and localhost (no page elsewhere can reach it through a DNS name of its own), and only with the
 * token of the address it prints; of the manuscript folder it serves the pictures alone.
 */
import { randomBytes } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type ServerResponse } from 'node:http'
import { dirname, join } from 'node:path'
import { BookletError } from '../errors.ts'
import { pageFonts } from '../fonts/coverage.ts'
import { fontMounts } from '../fonts/roles.ts'
import { DOCUMENT_PATH, PageFiles } from '../render/page-files.ts'
import { sendFile } from '../render/page-server.ts'
import { pagedPolyfill } from '../render/pagedjs-patched.ts'
import { PAGED_SCRIPT, scriptMounts } from '../render/run-paginate.ts'

const EVENTS_PATH = '/_booklet/events'

export interface PreviewServer {
  url: string
  /** Tells every open preview to load the booklet again. */
  reload(): void
  close(): Promise<void>
}

export interface PreviewOptions {
  /** 0: any free port. */
  port: number
  /** Where booklet.html is written. */
  outDir: string
  /** The manuscript folder or file: its pictures are served as the booklet refers to them. */
  input: string
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = (await stat(options.input).catch(() => undefined))?.isDirectory() ? options.input : dirname(options.input)
  const files = new PageFiles('', new Map([...fontMounts(), ...scriptMounts()]), root, new Map([[PAGED_SCRIPT, { body: await pagedPolyfill(), contentType: 'text/javascript; charset=utf-8' }]]))
  const listeners = new Set<ServerResponse>()
  let port = options.port

  // Issue 20 (F-3): the address carries a token no other page or user of the machine can guess;
  // the first request with it leaves a cookie, with which the page fetches its scripts, fonts and pictures.
  const token = randomBytes(16).toString('hex')
  const cookie = `booklet=${token}`
  const server = createServer((request, response) => {
    const [name, hostPort] = (request.headers.host ?? '').split(':')
    if ((name !== '127.0.0.1' && name !== 'localhost') || Number(hostPort) !== port || request.method !== 'GET') {
      response.writeHead(403).end()
      return
    }
    const url = new URL(request.url ?? '/', 'http://localhost')
    const byAddress = url.searchParams.get('k') === token
    const byCookie = (request.headers.cookie ?? '').split(/;\s*/u).includes(cookie)
    if (!byAddress && !byCookie) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('请打开 booklet watch 打印的完整预览地址（含 ?k=…）')
      return
    }
    if (byAddress) response.setHeader('Set-Cookie', `${cookie}; HttpOnly; SameSite=Strict; Path=/`)
    const path = decodeURIComponent(url.pathname)
    if (path === EVENTS_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      response.write(': booklet\n\n')
      listeners.add(response)
      request.on('close', () => listeners.delete(response))
      return
    }
    const answer =
      path === '/' || path === DOCUMENT_PATH
        ? previewDocument(options.outDir).then((body) => ({ body, contentType: 'text/html; charset=utf-8' }))
        : files.getPath(path)
    void answer.then((file) => ('refused' in file ? response.writeHead(404).end() : sendFile(response, file))).catch(() => response.writeHead(500).end())
  })
  await new Promise<void>((ready, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new BookletError(error.code === 'EADDRINUSE' ? `预览端口 ${port} 已被占用` : `无法在端口 ${port} 上提供预览：${error.message}`, {
          hint: '请换一个端口，例如 --serve 8091',
        }),
      ),
    )
    server.listen(port, '127.0.0.1', () => ready())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://127.0.0.1:${port}/?k=${token}`,
    reload: () => {
      for (const listener of listeners) listener.write('data: reload\n\n')
    },
    close: () =>
      new Promise<void>((done) => {
        for (const listener of listeners) listener.end()
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/** The last booklet.html written, made to lay itself out and reload after each rebuild. */
async function previewDocument(outDir: string): Promise<Buffer> {
  const html = await readFile(join(outDir, 'booklet.html'), 'utf8').catch(() => undefined)
  const script = `
<style>
@media screen {
  html { background: #d9d9d9; }
  .pagedjs_pages { display: flex; flex-direction: column; align-items: center; padding: 8mm 0; }
  .pagedjs_page { background: #fff; margin-bottom: 8mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); }
}
</style>
<script>window.PagedConfig = { auto: false }</script>
<script src="${PAGED_SCRIPT}"></script>
<script src="/_booklet/in-page/paginate.js"></script>
<script>
  addEventListener('load', () => window.__booklet.paginate({ fonts: ${JSON.stringify(await pageFonts(html ?? '')).replaceAll('<', '\\u003c')}, ids: [] }))
  new EventSource('${EVENTS_PATH}').addEventListener('message', () => location.reload())
</script>
`
  if (!html) {
    return Buffer.from(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>booklet 预览</title>
<p>还没有生成成功的小册子。改好稿件并保存，生成后这里会自动刷新。</p>
<script>new EventSource('${EVENTS_PATH}').addEventListener('message', () => location.reload())</script></html>`)
  }
  const end = html.lastIndexOf('</body>')
  return Buffer.from(end >= 0 ? html.slice(0, end) + script + html.slice(end) : html + script)
}
