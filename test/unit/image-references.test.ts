/**
 * Issue 20 (F-9): a reference-style image (`![x][r]` with `[r]: …` below) is checked like any
 * other, at its line: a web address was reported by the page as a damaged picture, with no line.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { processManuscript } from '../../src/pipeline/process-manuscript.ts'
import { v } from './valibot-default.ts'

describe('reference-style images', () => {
  it('are recorded with the place of the reference and the address of their definition', async () => {
    const file = new VFile({ path: 'a.md', value: '# 图\n\n正文。\n\n![现场][r]\n\n![合影][]\n\n[r]: https://example.com/a.png\n[合影]: 合影.png\n', data: { displayPath: 'a.md' } })
    await processManuscript({ root: '.', config: v(), articles: [file] })
    expect(file.data.images?.map((i) => [i.url, i.line, i.column])).toEqual([
      ['https://example.com/a.png', 5, 1],
      ['合影.png', 7, 1],
    ])
  })
})
