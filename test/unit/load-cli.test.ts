/**
 * The CLI runs from a bundle made at the first run after an install or an edit (bin/load-cli.mjs,
 * issue 6: loading the sources through tsx cost 0.75 s of every build). It must never run stale
 * code, never use a half-written bundle, and still run where no bundle can be written.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledCli } from '../../bin/load-cli.mjs'

const repo = resolve(import.meta.dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'booklet-load-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A project shaped like ours: package.json named booklet, a lock file, src/cli/main.ts. */
function project(name: string, answer: number): string {
  const root = join(work, name)
  mkdirSync(join(root, 'src/cli'), { recursive: true })
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'booklet', type: 'module' }))
  writeFileSync(join(root, 'package-lock.json'), '{}')
  writeFileSync(join(root, 'src/answer.ts'), `export const answer: number = ${answer}\n`)
  writeFileSync(join(root, 'src/cli/main.ts'), `export async function main(argv: string[]): Promise<number> {\n  const { answer } = await import('../answer.ts')\n  return answer + argv.length\n}\n`)
  symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'))
  return root
}

/** Runs loadCli() in a process of its own, as bin/booklet.mjs does; what main() returned and from where. */
function runLoaded(root: string, cacheDir: string): { code: number; bundle: string | null } {
  const script = `import { loadCli } from ${JSON.stringify(join(repo, 'bin/load-cli.mjs'))}
const { main, bundle } = await loadCli({ root: ${JSON.stringify(root)}, cacheDir: ${JSON.stringify(cacheDir)} })
console.log(JSON.stringify({ code: await main(['x']), bundle }))`
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))
}

describe('the bundled CLI', () => {
  it('is made once for the current sources and then reused', () => {
    const root = project('once', 1)
    const cache = join(root, 'node_modules-cache')
    const dir = bundledCli(root, cache)
    expect(existsSync(join(dir, 'main.js'))).toBe(true)
    const made = statSync(join(dir, 'main.js')).mtimeMs
    expect(bundledCli(root, cache)).toBe(dir)
    expect(statSync(join(dir, 'main.js')).mtimeMs).toBe(made)
    expect(runLoaded(root, cache)).toEqual({ code: 2, bundle: dir })
  })

  it('is made again after an edit, runs the edited code and removes the old bundle and dead partial ones', () => {
    const root = project('edited', 1)
    const cache = join(root, 'cache')
    const before = bundledCli(root, cache)
    // A bundle half-written by a build that was killed (no process has pid 2^22 + 1 here).
    mkdirSync(join(cache, 'abc.partial-4194305'))
    // The bundle of another checkout sharing this node_modules (a git worktree) stays.
    mkdirSync(join(cache, 'other'))
    writeFileSync(join(cache, 'other/root.txt'), '/elsewhere')
    writeFileSync(join(root, 'src/answer.ts'), 'export const answer: number = 41\n')
    const after = bundledCli(root, cache)
    expect(after).not.toBe(before)
    expect(readdirSync(cache).sort()).toEqual([after.slice(cache.length + 1), 'other'].sort())
    expect(runLoaded(root, cache)).toEqual({ code: 42, bundle: after })
  })

  it('is not needed: where none can be written, the CLI runs from its sources through tsx', () => {
    const root = project('read-only', 5)
    const notAFolder = join(root, 'file')
    writeFileSync(notAFolder, '')
    expect(runLoaded(root, join(notAFolder, 'cache'))).toEqual({ code: 6, bundle: null })
  })

  it('of this project answers like the sources', () => {
    // In node_modules, where the bundle finds the project's folder and the packages it leaves out.
    const cache = join(repo, 'node_modules/.cache/booklet-cli-test')
    rmSync(cache, { recursive: true, force: true })
    const dir = bundledCli(repo, cache)
    const version = (...argv: string[]) => execFileSync(process.execPath, argv, { encoding: 'utf8', cwd: repo })
    const fromBundle = version('--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(dir, 'main.js'))}); process.exitCode = await main(['--help'])`)
    expect(fromBundle).toContain('booklet')
    expect(fromBundle).toBe(version('--import', 'tsx/esm', '-e', `import(${JSON.stringify(join(repo, 'src/cli/main.ts'))}).then(async ({ main }) => { process.exitCode = await main(['--help']) })`))
    rmSync(cache, { recursive: true, force: true })
  })
})
