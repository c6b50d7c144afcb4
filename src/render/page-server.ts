/**
 * Serves the page over loopback HTTP. Fonts (17 MB of 仿宋 and 楷体) then reach Chromium
 * directly instead of as base64 through the DevTools protocol, which cost most of a second per
 * build. The server answers only for a random host name (booklet-<token>.localhost: no other
 * program on the machine can guess it) and only with what PageFiles allows; the browser's
 * request interception still refuses every request that is not for this server (render-pdf.ts),
 * so the page reaches nothing else.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { PageFile, PageFiles } from './page-files.ts'

export interface PageServer {
  /** `http://booklet-TOKEN.localhost:PORT`: the page's origin. */
  base: string
  close(): Promise<void>
}

export async function startPageServer(files: () => PageFiles, refused: (what: string) => void): Promise<PageServer> {
  const token = randomBytes(16).toString('hex')
  const host = `booklet-${token}.localhost`
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.headers.host?.split(':')[0] !== host || request.method !== 'GET') {
      response.writeHead(404).end()
      return
    }
    const path = decodeURIComponent(url.pathname)
    void files()
      .getPath(path)
      .then((answer) => {
        if ('refused' in answer) {
          if (path !== '/favicon.ico') refused(answer.refused)
          response.writeHead(404).end()
          return
        }
        sendFile(response, answer)
      })
      .catch(() => response.writeHead(500).end())
  })
  await new Promise<void>((ready, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => ready())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    // Chromium resolves *.localhost to this machine itself (RFC 6761) without asking DNS.
    base: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        // Chromium keeps its connections open; they must not keep the server (and the build) alive.
        server.closeAllConnections()
      }),
  }
}

/** A file PageFiles gave, as the answer: our own fonts and scripts may be kept by the browser. */
export function sendFile(response: ServerResponse, file: PageFile): void {
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    // The same bytes for the life of the process: a warm browser (or a preview reloaded) keeps them.
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  })
  response.end(file.body)
}
