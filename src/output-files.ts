/**
 * Writes outputs so that a reader of the output folder never sees a half-written file: each
 * file goes to a temporary name beside its target and is renamed into place (rename is atomic
 * on one file system). A failed build leaves the previous booklet untouched.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { BookletError } from './errors.ts'

export async function ensureOutputDir(dir: string, shown: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
  } catch (cause) {
    throw new BookletError(`无法创建输出文件夹：${shown}`, {
      hint: '请检查路径和写入权限，或用 --out 指定别的文件夹。',
      cause,
    })
  }
}

export async function writeAtomically(path: string, data: string | Uint8Array, shown: string): Promise<void> {
  const temp = join(dirname(path), `.booklet-tmp-${process.pid}-${Date.now()}-${basename(path)}`)
  try {
    await writeFile(temp, data)
    await rename(temp, path)
  } catch (cause) {
    await rm(temp, { force: true })
    throw new BookletError(`无法写入 ${shown}`, { hint: '请检查输出文件夹的写入权限和磁盘空间。', cause })
  }
}
