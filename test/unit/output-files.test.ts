/** The output folder and its files, as two builds into one folder at the same time meet them. */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeDirectories } from '../../src/output-files.ts'

describe('makeDirectories', () => {
  it('makes a folder two builds ask for at the same time, and fails neither', async () => {
    const root = mkdtempSync(join(tmpdir(), 'booklet-dirs-'))
    for (let i = 0; i < 20; i++) {
      const dir = join(root, `out-${i}`, 'nested')
      await expect(Promise.all([makeDirectories(dir), makeDirectories(dir), makeDirectories(dir)])).resolves.toBeDefined()
      expect(statSync(dir).isDirectory()).toBe(true)
    }
  })

  it('still fails where a file stands in the way', async () => {
    const root = mkdtempSync(join(tmpdir(), 'booklet-dirs-'))
    writeFileSync(join(root, 'out'), 'not a folder')
    await expect(makeDirectories(join(root, 'out', 'nested'))).rejects.toThrow()
  })
})
