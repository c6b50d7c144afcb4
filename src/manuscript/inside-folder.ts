/**
 * The manuscript folder is a boundary (issue 20): every file booklet reads from it, serves from
 * it or writes back into it is, after its links are resolved, a regular file inside it, and not
 * larger than booklet can handle. A `../` entry in booklet.yaml, a link leading out of the
 * folder (`02.md -> /etc/passwd`, a picture or a folder linked elsewhere), or a special file
 * (a FIFO that would block the build forever, a device such as /dev/zero that never ends, a
 * socket) is refused with a message naming it — before a byte of it is read.
 */
import type { Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { BookletError } from '../errors.ts'

/** What a file of the manuscript may be at most (README, 安全). */
export const LIMITS = {
  /** A Markdown or text article: some 3 million characters of Chinese, far more than any booklet. */
  articleBytes: 10 * 2 ** 20,
  /** A Word document as stored (its pictures included). */
  docxBytes: 50 * 2 ** 20,
  /** booklet.yaml. */
  configBytes: 256 * 2 ** 10,
  /** A picture's file. */
  imageBytes: 100 * 2 ** 20,
  /** A picture's pixels (10000 × 10000): a small file can claim 30000 × 30000 and take gigabytes to decode. */
  imagePixels: 100_000_000,
} as const

/** Whether `path` (already resolved) lies inside `root` (already resolved), the folder itself excluded. */
export function isInside(root: string, path: string): boolean {
  const inside = relative(root, path)
  return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !isAbsolute(inside)
}

/** Why a path cannot be used: a predicate in Chinese (“不存在”, “是一个文件夹”), the caller names the file. */
export type Refusal = string

/** The refusal of a file that is not there. */
export const MISSING = '不存在'

/**
 * The real path of a file of the manuscript folder `root`, checked: inside the folder once every
 * link is followed, a regular file, at most `maxBytes`. Throws a BookletError naming `shown`.
 */
export async function fileInside(root: string, path: string, shown: string, maxBytes: number): Promise<string> {
  const refusal = await refuseOutside(root, path, maxBytes)
  if (typeof refusal === 'string') throw new BookletError(`${shown}：${refusal}`, { file: shown, hint: HINT })
  return refusal.real
}

const HINT = '稿件、图片和 booklet.yaml 都应是稿件文件夹里的普通文件；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中。'

/** The same check, answering with the reason instead of throwing (for the page server and the image check). */
export async function refuseOutside(root: string, path: string, maxBytes: number): Promise<Refusal | { real: string; size: number }> {
  const realRoot = await realpath(root).catch(() => resolve(root))
  if (!isInside(resolve(root), resolve(path))) return '不在稿件文件夹内'
  const real = await realpath(path).catch((error: NodeJS.ErrnoException) => error)
  if (real instanceof Error) return real.code === 'ENOENT' ? MISSING : real.code === 'ELOOP' ? '是一个循环链接' : '无法读取'
  if (!isInside(realRoot, real)) return `是指向稿件文件夹以外（${real}）的链接，不会读取`
  const info = await stat(real).catch(() => undefined)
  if (!info) return '无法读取'
  if (info.isDirectory()) return '是一个文件夹'
  if (!info.isFile()) return `不是普通文件（${kindOf(info)}），不会读取`
  if (info.size > maxBytes) return `太大（${megabytes(info.size)}，上限 ${megabytes(maxBytes)}）`
  return { real, size: info.size }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return '命名管道'
  if (info.isCharacterDevice() || info.isBlockDevice()) return '设备文件'
  if (info.isSocket()) return '套接字'
  return '特殊文件'
}

function megabytes(bytes: number): string {
  return bytes >= 2 ** 20 ? `${Math.round((bytes / 2 ** 20) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`
}
