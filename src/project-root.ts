/**
 * The project's own folder (styles/, fonts/, src/render/in-page/, node_modules/). Run from the
 * sources, it is this module's parent folder; the CLI's bundle (bin/load-cli.mjs) lives in
 * node_modules/.cache/booklet-cli/…, so the bundler writes the folder in as BOOKLET_ROOT.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

declare const BOOKLET_ROOT: string | undefined

export const PROJECT_ROOT = typeof BOOKLET_ROOT === 'string' ? BOOKLET_ROOT : resolve(dirname(fileURLToPath(import.meta.url)), '..')
