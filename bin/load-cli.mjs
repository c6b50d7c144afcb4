// Loads the CLI (src/cli/main.ts), bundled.
//
// Why: run through tsx, the CLI's ~80 TypeScript modules and the ~400 files of its dependencies
// (unified, remark, rehype, puppeteer, pdf-lib…) are resolved and loaded one by one — 0.75 s
// before a build can start, on the core that should meanwhile start the browser and run the
// pipeline; a cold build of 50 pages took 1 s longer for it (issue 6). So the CLI is bundled
// once with esbuild (the compiler tsx itself uses) into a few files under
// node_modules/.cache/booklet-cli/<key>/. The key is a digest of src/, this file, the lock file
// and esbuild's version: an edit or an `npm ci` gives a new bundle at the next run (under a
// second, once). Nothing to compile by hand after `npm ci` (npm 11 runs no install scripts).
// Where a bundle cannot be made or written (a read-only install, no esbuild), the CLI runs
// through tsx as before: the same program, only slower to start.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** @param {{ root?: string, cacheDir?: string }} [options] */
export async function loadCli(options = {}) {
  const root = options.root ?? ROOT
  let bundle
  try {
    bundle = bundledCli(root, options.cacheDir ?? join(root, 'node_modules/.cache/booklet-cli'))
  } catch (error) {
    if (process.env.BOOKLET_DEBUG) console.error(`booklet: running through tsx (no bundle: ${error?.message ?? error})`)
  }
  if (bundle) return { ...(await import(pathToFileURL(join(bundle, 'main.js')).href)), bundle }
  const { register } = await import('tsx/esm/api')
  register()
  return { ...(await import(pathToFileURL(join(root, 'src/cli/main.ts')).href)), bundle: null }
}

/** The folder of the bundle for the current sources, made first if there is none. */
export function bundledCli(root, cacheDir) {
  const require = createRequire(join(root, 'package.json'))
  const esbuild = require('esbuild')
  const dir = join(cacheDir, sourceKey(root, esbuild.version))
  if (existsSync(dir)) return dir
  mkdirSync(cacheDir, { recursive: true })
  // Written aside and renamed: a build killed half-way, or another build bundling at the same
  // time, never leaves a half-written bundle under the key.
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  esbuild.buildSync({
    entryPoints: { main: join(root, 'src/cli/main.ts') },
    absWorkingDir: root,
    bundle: true,
    // The commands and late steps (watch, import, pdf.js read-back) stay separate files, loaded when used.
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: partial,
    // Large and loaded late or rarely; found in node_modules from the cache folder.
    external: ['pdfjs-dist', 'mammoth', '@fontsource/*'],
    // Where styles/, fonts/ and the page scripts are (src/project-root.ts): not where the bundle is.
    define: { BOOKLET_ROOT: JSON.stringify(root) },
    // CommonJS dependencies inside an ES module bundle call require().
    banner: { js: "import { createRequire as __bookletRequire } from 'node:module'; const require = __bookletRequire(import.meta.url);" },
    // For a developer's stack trace: node --enable-source-maps bin/booklet.mjs …
    sourcemap: 'linked',
    logLevel: 'silent',
  })
  writeFileSync(join(partial, 'root.txt'), root)
  try {
    renameSync(partial, dir)
  } catch (error) {
    rmSync(partial, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
  removeOldBundles(cacheDir, dir, root)
  return dir
}

/** What the bundle is made of: every file of src/, the dependencies as locked, how and for which folder it is bundled. */
function sourceKey(root, esbuildVersion) {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\n${root}\n`)
  const files = [fileURLToPath(import.meta.url), join(root, 'package-lock.json'), ...filesUnder(join(root, 'src'))]
  for (const file of files) hash.update(`${relative(root, file)}\n`).update(readFileSync(file)).update('\n')
  return hash.digest('hex').slice(0, 16)
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort()
}

/**
 * Bundles of this folder's earlier sources, and partial ones of processes that are gone. Those of
 * other folders stay: git worktrees sharing one node_modules would otherwise bundle at every run.
 */
function removeOldBundles(cacheDir, current, root) {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name)
    if (path === current) continue
    const pid = /\.partial-(\d+)$/.exec(name)?.[1]
    const owner = readText(join(path, 'root.txt'))
    if (pid ? isRunning(Number(pid)) : owner !== undefined && owner !== root) continue
    rmSync(path, { recursive: true, force: true })
  }
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}
