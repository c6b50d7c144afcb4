/**
 * The lines that head a table (issue 19): its title and unit, typed as paragraphs just before it
 * as in the 英贤计划 budget (test/fixtures/pages/07-budget.md), are marked as its caption, and
 * nothing else is.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml } from '../../src/pipeline/processor.ts'

const TABLE = '| 序号 | 项目名称 | 预算 |\n|---|---|---|\n| 1 | 英贤教师津贴 | 300 |'

async function leads(body: string): Promise<string[]> {
  const html = await articleToHtml(new VFile({ path: '/m/a.md', value: `# 方案\n\n${body}\n` }), 'a')
  return [...html.matchAll(/<p class="([^"]*table-lead[^"]*)">(.*?)<\/p>/gu)].map((m) => `${m[1]}|${m[2]!.replace(/<[^>]+>/gu, '')}`)
}

describe('table captions', () => {
  it('marks a numbered title and the unit line above a table', async () => {
    expect(await leads(`项目总预算如下：\n\n表一：2019—2023年项目经费总预算\n\n单位：万元\n\n${TABLE}`)).toEqual([
      'table-lead table-title|表一：2019—2023年项目经费总预算',
      'table-lead table-unit|单位：万元',
    ])
  })

  it('marks a short title line with no closing mark right above a table, and a unit alone', async () => {
    expect(await leads(`绍兴市重大建设项目一览\n\n${TABLE}`)).toEqual(['table-lead table-title|绍兴市重大建设项目一览'])
    expect(await leads(`详见下表。\n\n金额单位：元\n\n${TABLE}`)).toEqual(['table-lead table-unit|金额单位：元'])
  })

  it('leaves sentences, paragraphs with another role and paragraphs away from a table alone', async () => {
    expect(await leads(`项目总预算如下：\n\n${TABLE}`)).toEqual([])
    expect(await leads(`表一：2019—2023年项目经费总预算\n\n正文另起一段。\n\n${TABLE}`)).toEqual([])
    expect(await leads(`表一：项目经费总预算\n\n单位：万元`)).toEqual([])
  })
})
