/**
 * The project's own folder (styles/, fonts/, src/render/in-page/, node_modules/). Found upward
 * from this module, not at a fixed distance: the CLI runs it from its bundle in
 * node_modules/.cache/booklet-cli/… (bin/load-cli.mjs), tests and the benchmark from src/.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'booklet') return dir
    if (dirname(dir) === dir) throw new Error(`booklet's package.json not found above ${from}`)
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)))
