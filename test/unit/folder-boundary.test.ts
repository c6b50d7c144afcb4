/**
 * Issue 20, item 1: the manuscript folder is a boundary. The cases of the attack run, each with
 * a real folder on disk: a `../` article in booklet.yaml (F-1), links leading out of the folder
 * (F-2, an article, a picture, a folder), a FIFO named like an article (F-5: the build blocked
 * forever), an article linked to /dev/zero (F-6: it grew to 7.8 GiB), a file over the size
 * limit, and what the page server hands out of the folder (F-3: sources and linked files).
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { check } from '../../src/check.ts'
import { BookletError } from '../../src/errors.ts'
import { checkImages } from '../../src/manuscript/check-images.ts'
import { LIMITS } from '../../src/manuscript/inside-folder.ts'
import { loadManuscript, type Manuscript } from '../../src/manuscript/load-manuscript.ts'
import { writeAllAtomically } from '../../src/output-files.ts'
import { PageFiles } from '../../src/render/page-files.ts'
import { makePng } from '../helpers/make-png.ts'

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** A fresh temp folder with a manuscript folder `m` and, beside it, an `outside` folder with a secret. */
async function place(files: Record<string, string | Uint8Array>): Promise<{ root: string; m: string; outside: string }> {
  const root = await mkdtemp(join(tmpdir(), 'booklet-boundary-'))
  made.push(root)
  const [m, outside] = [join(root, 'm'), join(root, 'outside')]
  await mkdir(m)
  await mkdir(outside)
  await writeFile(join(outside, 'secret.txt'), '机密：不应印出的内容。')
  await writeFile(join(outside, 'x.png'), makePng(4, 4))
  for (const [name, content] of Object.entries(files)) await writeFile(join(m, name), content)
  return { root, m, outside }
}

const refused = (manuscript: Manuscript) =>
  manuscript.articles.filter((f) => f.data.unreadable).map((f) => `${f.data.displayPath}:${f.messages[0]!.line ?? '-'}:${f.messages[0]!.reason}`)
const texts = (manuscript: Manuscript) => manuscript.articles.filter((f) => !f.data.unreadable).map((f) => String(f.value))

describe('the manuscript folder as a boundary (issue 20)', () => {
  it('refuses a ../ or absolute article in booklet.yaml at its line, reading nothing of it (F-1)', async () => {
    const { root, m } = await place({ 'booklet.yaml': 'title: 汇编\narticles:\n  - 01.md\n  - ../outside/secret.txt\n  - /etc/passwd\n', '01.md': '# 讲话\n\n正文。\n' })
    const manuscript = await loadManuscript(m, root)
    expect(refused(manuscript)).toEqual([
      'm/booklet.yaml:4:articles 中列出的“../outside/secret.txt”不在稿件文件夹内；articles 只能列出稿件文件夹里的文件',
      'm/booklet.yaml:5:articles 中列出的“/etc/passwd”不在稿件文件夹内；articles 只能列出稿件文件夹里的文件',
    ])
    expect(texts(manuscript).join('')).not.toContain('机密')
  })

  it('refuses an article, a folder and a booklet.yaml that are links out of the folder (F-2)', async () => {
    const { root, m, outside } = await place({ '01.md': '# 讲话\n\n正文。\n' })
    await symlink(join(outside, 'secret.txt'), join(m, '02.txt'))
    await symlink(outside, join(m, 'up'))
    await writeFile(join(outside, 'list.yaml'), 'articles:\n  - up/secret.txt\n')
    const manuscript = await loadManuscript(m, root)
    expect(refused(manuscript)).toEqual([`m/02.txt:-:是指向稿件文件夹以外（${join(outside, 'secret.txt')}）的链接，不会读取；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中`])
    expect(texts(manuscript).join('')).not.toContain('机密')
    // Through a linked folder, listed in booklet.yaml; and booklet.yaml itself linked from outside.
    await writeFile(join(m, 'booklet.yaml'), 'articles:\n  - up/secret.txt\n')
    expect(refused(await loadManuscript(m, root))[0]).toMatch(/^m\/booklet\.yaml:2:articles 中列出的“up\/secret\.txt”是指向稿件文件夹以外/u)
    await rm(join(m, 'booklet.yaml'))
    await symlink(join(outside, 'list.yaml'), join(m, 'booklet.yaml'))
    const error = await loadManuscript(m, root).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BookletError)
    expect((error as BookletError).message).toMatch(/^m\/booklet\.yaml：是指向稿件文件夹以外/u)
  })

  it('check --fix writes nothing through a link out of the folder, and no backup there (F-4)', async () => {
    const { root, m, outside } = await place({ '01.md': '# 讲话\n\n同志们:\n\n今天开会.\n' })
    const before = '# 外面的文章\n\n今天开会.\n'
    await writeFile(join(outside, 'other.md'), before)
    await symlink(join(outside, 'other.md'), join(m, '02.md'))
    const result = await check(m, { fix: true, cwd: root })
    expect(result.fixed.map((f) => f.file)).toEqual(['m/01.md'])
    expect(await readFile(join(outside, 'other.md'), 'utf8')).toBe(before)
    expect((await readdir(outside)).sort()).toEqual(['other.md', 'secret.txt', 'x.png'])
  })

  it('refuses a FIFO and a device named like articles at once, without opening them (F-5, F-6)', async () => {
    const { root, m } = await place({ '01.md': '# 讲话\n\n正文。\n' })
    execFileSync('mkfifo', [join(m, '02.md')])
    await symlink('/dev/zero', join(m, '03.md'))
    const started = Date.now()
    const manuscript = await loadManuscript(m, root)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(refused(manuscript)).toEqual([
      'm/02.md:-:不是普通文件（命名管道），不会读取；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中',
      'm/03.md:-:是指向稿件文件夹以外（/dev/zero）的链接，不会读取；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中',
    ])
  })

  it('refuses an article over the size limit, naming the limit', async () => {
    const { root, m } = await place({ '01.md': `# 讲话\n\n${'正文。'.repeat(Math.ceil(LIMITS.articleBytes / 9) + 1)}\n` })
    expect(refused(await loadManuscript(m, root))).toEqual(['m/01.md:-:太大（10 MB，上限 10 MB）；请把文件本身（而不是快捷方式或链接）复制到稿件文件夹中'])
  })

  it('refuses a picture that is a link out of the folder, at its line (F-2)', async () => {
    const { m, outside } = await place({})
    await symlink(join(outside, 'x.png'), join(m, 'y.png'))
    const file = new VFile({ path: join(m, '01.md'), value: '', data: { images: [{ url: 'y.png', line: 3, column: 1 }] } })
    await checkImages(file, m)
    expect(file.messages.map((msg) => `${msg.line}:${msg.reason}`)).toEqual([`3:图片是指向稿件文件夹以外（${join(outside, 'x.png')}）的链接，不会读取：y.png；请把图片文件本身复制到稿件文件夹中`])
  })

  it('serves the page pictures of the folder only: no source, no booklet.yaml, no linked file (F-3)', async () => {
    const { m, outside } = await place({ '01.md': '# 讲话\n', 'booklet.yaml': 'title: 汇编\n', 'pic.png': makePng(2, 2) })
    await symlink(join(outside, 'x.png'), join(m, 'y.png'))
    await symlink(join(outside, 'secret.txt'), join(m, 'passwd.png'))
    const files = new PageFiles('<html></html>', new Map(), m)
    expect(await files.getPath('/pic.png')).toMatchObject({ contentType: 'image/png' })
    for (const path of ['/01.md', '/booklet.yaml', '/y.png', '/passwd.png', '/../outside/x.png']) {
      expect(await files.getPath(path), path).toHaveProperty('refused')
    }
  })

  it('removes the temporary files a killed build left beside its outputs, not those of a build still writing (F-13)', async () => {
    const { m } = await place({})
    const dead = '.booklet-tmp-999999999-1700000000000-booklet.pdf'
    const live = `.booklet-tmp-${process.pid}-1700000000000-booklet.html`
    await writeFile(join(m, dead), '%PDF-half')
    await writeFile(join(m, live), '<html>')
    await writeAllAtomically([{ path: join(m, 'booklet.pdf'), data: '%PDF-1.7', shown: 'booklet.pdf' }])
    expect((await readdir(m)).sort()).toEqual([live, 'booklet.pdf'])
  })
})
