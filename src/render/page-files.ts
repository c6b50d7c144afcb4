/**
 * What the page may load, and from where. Every request of the page is answered from here:
 * the booklet HTML from memory, our own scripts and fonts from fixed folders, and pictures only
 * from inside the manuscript folder. Nothing goes to the network or elsewhere on disk.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, relative, sep } from 'node:path'
import { LIMITS, refuseOutside } from '../manuscript/inside-folder.ts'

export const ORIGIN = 'https://booklet.invalid'
export const DOCUMENT_PATH = '/booklet.html'
/** One article laid out alone, for a rebuild that lays out only what was edited (issue 6). */
export const ARTICLE_PATH = '/article.html'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.avif': 'image/avif',
}

export interface PageFile {
  body: Buffer
  contentType: string
  /** Our own fonts and scripts: the same bytes for the life of the process, so a warm browser may keep them. */
  immutable?: boolean
}

export type Refusal = { refused: string }

export class PageFiles {
  /** The document at ARTICLE_PATH, set while one article is laid out alone. */
  articleHtml: string | undefined

  constructor(
    private readonly html: string,
    /** URL prefix (`/_booklet/fonts/x/`) → folder */
    private readonly mounts: Map<string, string>,
    private readonly manuscriptRoot: string,
    /** Path → file made in memory (Paged.js with its fixes): our own, like the mounts. */
    private readonly builtIn: Map<string, PageFile> = new Map(),
  ) {}

  async get(url: string): Promise<PageFile | Refusal> {
    if (!url.startsWith(`${ORIGIN}/`)) return { refused: `外部地址（不会联网获取）：${url}` }
    return this.getPath(decodeURIComponent(new URL(url).pathname))
  }

  /** A path of the page's own origin (`/booklet.html`, `/_booklet/fonts/…`, `/images/a.png`). */
  async getPath(path: string): Promise<PageFile | Refusal> {
    if (path === DOCUMENT_PATH) return { body: Buffer.from(this.html), contentType: TYPES['.html']! }
    if (path === ARTICLE_PATH && this.articleHtml !== undefined) return { body: Buffer.from(this.articleHtml), contentType: TYPES['.html']! }
    const builtIn = this.builtIn.get(path)
    if (builtIn) return { ...builtIn, immutable: true }
    for (const [prefix, dir] of this.mounts) {
      if (path.startsWith(prefix)) {
        const file = await this.fromFolder(dir, path.slice(prefix.length))
        return 'body' in file ? { ...file, immutable: true } : file
      }
    }
    if (path.startsWith('/_booklet/')) return { refused: `未知的内部文件：${path}` }
    return this.picture(path.slice(1))
  }

  /**
   * From the manuscript folder, only what a page shows of it: a picture, a regular file inside
   * the folder once its links are followed (issue 20) — never a source, booklet.yaml or a file a
   * link leads to outside.
   */
  private async picture(rel: string): Promise<PageFile | Refusal> {
    const full = join(this.manuscriptRoot, normalize(rel))
    const type = TYPES[extname(full).toLowerCase()]
    if (!type?.startsWith('image/')) return { refused: `不是图片，不提供：${rel}` }
    const checked = await refuseOutside(this.manuscriptRoot, full, LIMITS.imageBytes)
    if (typeof checked === 'string') return { refused: `${rel}：${checked}` }
    try {
      return { body: await readFile(checked.real), contentType: type }
    } catch {
      return { refused: `文件不存在：${rel}` }
    }
  }

  private async fromFolder(dir: string, rel: string): Promise<PageFile | Refusal> {
    const full = join(dir, normalize(rel))
    const inside = relative(dir, full)
    if (inside.startsWith('..') || inside.startsWith(sep)) return { refused: `稿件文件夹以外的文件：${rel}` }
    try {
      const body = await readFile(full)
      return { body, contentType: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' }
    } catch {
      return { refused: `文件不存在：${rel}` }
    }
  }
}
