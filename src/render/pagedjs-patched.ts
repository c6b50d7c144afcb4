/**
 * Paged.js as the page gets it: the published polyfill with the fixes a booklet depends on.
 * Each fix replaces one exact passage of the 0.4.3 polyfill; a passage that is not found exactly
 * once (another Paged.js version) stops the build with an internal error instead of laying out
 * with a known bug.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

interface Fix {
  why: string
  find: string
  replace: string
}

const FIXES: Fix[] = [
  {
    // A paragraph longer than a page continues on the next page as the rest of its text node
    // (substring from the break). Where the following break falls, Paged.js finds the start of
    // that rest with indexOf — the *first* place the rest's text occurs. In text that repeats
    // (a pasted paragraph with a repeated sentence, 一是……一是……) that is an earlier place: the
    // break token goes back, Paged.js sees it repeat ("Unable to layout item") and silently
    // drops everything after that page. The rest is a suffix of the node's text, so its start
    // is the length difference; indexOf stays only for a rest that is not a suffix.
    why: 'break offset inside a text node split over several pages',
    find: 'offset += node.textContent.indexOf(container.textContent);',
    replace:
      'offset += node.textContent.endsWith(container.textContent) ? node.textContent.length - container.textContent.length : node.textContent.indexOf(container.textContent);',
  },
]

let patched: Promise<Buffer> | undefined

/** The patched paged.polyfill.js, read and patched once per process. */
export function pagedPolyfill(): Promise<Buffer> {
  patched ??= (async () => {
    const file = join(dirname(require.resolve('pagedjs')), '../dist/paged.polyfill.js')
    let source = await readFile(file, 'utf8')
    for (const fix of FIXES) {
      const at = source.indexOf(fix.find)
      if (at < 0 || source.indexOf(fix.find, at + 1) >= 0) {
        throw new Error(`Paged.js fix "${fix.why}" does not apply to ${file}: is this Paged.js 0.4.3?`)
      }
      source = source.slice(0, at) + fix.replace + source.slice(at + fix.find.length)
    }
    return Buffer.from(source)
  })()
  return patched
}
