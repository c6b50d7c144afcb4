/**
 * QA-1 through the pipeline, as `booklet check --fix` runs it: the edits of one pass, written back, leave
 * nothing for a second pass (issue 7: a quote made curly in the same pass used to leave its sentence's . for the next).
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { applyEdits } from '../../src/pipeline/fixes.ts'
import { processArticle } from '../../src/pipeline/processor.ts'

async function fix(value: string): Promise<{ fixed: string; notes: string[] }> {
  const file = new VFile({ path: '/manuscript/fix.md', value })
  await processArticle(file, 'art-1')
  const notes = file.messages.filter((m) => m.ruleId?.startsWith('PN-')).map((m) => `${m.line}:${m.column} ${m.reason} [${m.ruleId}]`)
  return { fixed: applyEdits(value, file.data.edits ?? []), notes }
}

describe('check --fix twice', () => {
  it.each([
    ["他说：\"要牢固树立'四个意识'.\"", '他说：“要牢固树立‘四个意识’。”'],
    ["他说：\"要牢固树立'四个意识'\".", '他说：“要牢固树立‘四个意识’”。'],
    ["**要求**：\"要牢固树立'四个意识'.\"", '**要求**：“要牢固树立‘四个意识’。”'],
    ['详见 https://x.cn/a."请登录".', '详见 https://x.cn/a。“请登录”。'],
    // the , after an address is left half-width only while no Chinese follows it: here once -- became ——
    ['邮箱 a@b.cn,--请来信', '邮箱 a@b.cn，——请来信'],
  ])('%s: the second pass changes nothing', async (line, fixedLine) => {
    const first = await fix(`# 标题\n\n${line}\n`)
    expect(first.fixed).toBe(`# 标题\n\n${fixedLine}\n`)
    expect(await fix(first.fixed)).toEqual({ fixed: first.fixed, notes: [] })
  })

  it('reports the period once, at its place in the manuscript', async () => {
    const { notes } = await fix("# 标题\n\n他说：\"要牢固树立'四个意识'.\"\n")
    expect(notes).toEqual([
      '3:4 直引号改为中文引号““”” [PN-6]',
      '3:10 直引号改为中文引号“‘’” [PN-6]',
      '3:15 直引号改为中文引号“‘’” [PN-6]',
      '3:16 句末的半角句点改为句号“。” [PN-4]',
      '3:17 直引号改为中文引号““”” [PN-6]',
    ])
  })
})
