/**
 * Writes outputs so that a reader of the output folder never sees a half-written file: each
 * file goes to a temporary name beside its target and is renamed into place (rename is atomic
 * on one file system). A failed build leaves the previous booklet untouched.
 */
import { constants, rmSync } from 'node:fs'
import { access, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { BookletError } from './errors.ts'
import { isRunning } from './running.ts'

/**
 * Before the long part of a build: the output folder can be made (or written) — checked on the
 * nearest folder that exists, so that nothing is created before there is something to put in it.
 */
export async function checkOutputDir(dir: string, shown: string): Promise<void> {
  let existing = dir
  while (!(await stat(existing).catch(() => undefined)) && dirname(existing) !== existing) existing = dirname(existing)
  const info = await stat(existing).catch(() => undefined)
  const writable = info?.isDirectory() && (await access(existing, constants.W_OK).then(() => true, () => false))
  if (!writable) {
    throw new BookletError(info && !info.isDirectory() ? `输出位置不是文件夹：${shown}` : `无法在此写入输出文件夹：${shown}`, {
      hint: '请检查路径和写入权限，或用 --out 指定别的文件夹。',
    })
  }
}

export async function ensureOutputDir(dir: string, shown: string): Promise<void> {
  try {
    await makeDirectories(dir)
  } catch (cause) {
    throw new BookletError(`无法创建输出文件夹：${shown}`, {
      hint: '请检查路径和写入权限，或用 --out 指定别的文件夹。',
      cause,
    })
  }
}

/** Temporary files being written now: an interrupted build removes them on its way out. */
const unfinished = new Set<string>()

export interface OutputFile {
  path: string
  data: string | Uint8Array
  /** The path as the user gave it, for messages. */
  shown: string
}

export async function writeAtomically(path: string, data: string | Uint8Array, shown: string): Promise<void> {
  await writeAllAtomically([{ path, data, shown }])
}

/**
 * Writes a set of outputs that belong together (booklet.pdf and booklet.html): all of them go to
 * temporary files first and are renamed into place only when every one is complete, so a full
 * disk or a folder in the way leaves all the previous files, not a new HTML beside an old PDF.
 */
export async function writeAllAtomically(files: OutputFile[]): Promise<void> {
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await removeLeftovers(dir)
  const temps = files.map((f) => join(dirname(f.path), `${TEMP_PREFIX}${process.pid}-${Date.now()}-${basename(f.path)}`))
  for (const temp of temps) unfinished.add(temp)
  try {
    for (const [i, file] of files.entries()) {
      if ((await stat(file.path).catch(() => undefined))?.isDirectory()) {
        throw new BookletError(`无法写入 ${file.shown}：同名的文件夹挡在那里`, { hint: '请把这个文件夹改名或移走，或用 --out 指定别的输出文件夹。' })
      }
      await writeFile(temps[i]!, file.data).catch((cause: unknown) => {
        throw new BookletError(`无法写入 ${file.shown}${why(cause)}`, { hint: '请检查输出文件夹的写入权限和磁盘空间，或用 --out 指定别的文件夹。', cause })
      })
    }
    for (const [i, file] of files.entries()) {
      await rename(temps[i]!, file.path).catch((cause: unknown) => {
        throw new BookletError(`无法写入 ${file.shown}${why(cause)}`, { hint: '请检查输出文件夹的写入权限，或用 --out 指定别的文件夹。', cause })
      })
    }
  } finally {
    for (const temp of temps) {
      await rm(temp, { force: true })
      unfinished.delete(temp)
    }
  }
}

const TEMP_PREFIX = '.booklet-tmp-'

/**
 * Issue 20 (F-13): the temporary files of a build killed outright (kill -9, a power cut) while it
 * wrote, which no signal handler could remove: those of a process that no longer runs. Another
 * build writing into the same folder now keeps its own.
 */
async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const pid = name.startsWith(TEMP_PREFIX) ? Number(/^(\d+)-/u.exec(name.slice(TEMP_PREFIX.length))?.[1]) : Number.NaN
    if (!Number.isInteger(pid) || pid <= 0 || isRunning(pid)) continue
    await rm(join(dir, name), { force: true }).catch(() => undefined)
  }
}

/** The system's reason for a failed write, in a few Chinese words. */
function why(cause: unknown): string {
  const reasons: Record<string, string> = {
    EACCES: '没有写入权限',
    EPERM: '不允许写入',
    EROFS: '这是只读的位置',
    ENOSPC: '磁盘已满',
    EDQUOT: '超出磁盘配额',
    ENOENT: '这个位置不能存放文件',
    EISDIR: '同名的文件夹挡在那里',
  }
  const code = (cause as NodeJS.ErrnoException)?.code
  return code ? `（${reasons[code] ?? code}）` : ''
}

/** For a signal handler: synchronously removes what writeAtomically has not yet renamed into place. */
export function removeUnfinishedOutputs(): void {
  for (const temp of unfinished) rmSync(temp, { force: true })
}

/**
 * `mkdir -p` one level at a time. Node's own `mkdir(…, { recursive: true })` never returns for a
 * path under a pseudo file system such as /proc (it retries ENOENT forever).
 */
export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = []
  for (let at = dir; !(await stat(at).catch(() => undefined)); at = dirname(at)) {
    if (dirname(at) === at) break
    missing.unshift(at)
  }
  for (const folder of missing) {
    await mkdir(folder).catch(async (error: NodeJS.ErrnoException) => {
      // Made meanwhile by another build into the same folder: that is what was wanted.
      if (error.code !== 'EEXIST' || !(await stat(folder)).isDirectory()) throw error
    })
  }
}
