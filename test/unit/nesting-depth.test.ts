/** Lists and quotes nested past what a page can show are an error at the line where it starts. */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { processManuscript } from '../../src/pipeline/process-manuscript.ts'
import { v } from './valibot-default.ts'

async function nestingErrors(markdown: string) {
  const file = new VFile({ path: 'a.md', value: markdown, data: { displayPath: 'a.md' } })
  const { diagnostics } = await processManuscript({ root: '.', config: v(), articles: [file] })
  return diagnostics.filter((d) => d.rule === 'nesting').map((d) => [d.line, d.column, d.severity, d.message])
}

const list = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`).join('\n')

describe('nesting depth', () => {
  it('takes six levels of lists and quotes together', async () => {
    expect(await nestingErrors(`# 题\n\n> > ${list(4).replaceAll('\n', '\n> > ')}\n`)).toEqual([])
    expect(await nestingErrors(`# 题\n\n> > ${list(5).replaceAll('\n', '\n> > ')}\n`)).toHaveLength(1)
  })

  it('refuses the seventh level, at its line, counting the whole depth', async () => {
    expect(await nestingErrors(`# 题\n\n${list(8)}\n`)).toEqual([[9, 13, 'error', '列表和引用嵌套了 8 层，最多 6 层：请检查这里的行首缩进和“>”号']])
    expect(await nestingErrors(`# 题\n\n${'> '.repeat(7)}引用\n`)).toEqual([[3, 13, 'error', '列表和引用嵌套了 7 层，最多 6 层：请检查这里的行首缩进和“>”号']])
  })
})
