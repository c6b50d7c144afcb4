/** Issue 19: stars that mark items (*《语文》、*《数学》) stay stars; real emphasis stays emphasis. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml } from '../../src/pipeline/processor.ts'

const body = async (value: string) => (await articleToHtml(new VFile({ path: '/m/a.md', value: `# 课程\n\n${value}\n` }), 'a')).replace(/<[^>]+>/gu, '')

describe('asterisks that mark items', () => {
  it('keeps the stars of a starred list and sets nothing of it as emphasis', async () => {
    const html = await articleToHtml(new VFile({ path: '/m/a.md', value: '# 课程\n\n必修模块：*《语文》、*《数学》、《英语》。\n' }), 'a')
    expect(html).not.toContain('<em>')
    expect(await body('必修模块：*《语文》、*《数学》、《英语》。')).toContain('必修模块：*《语文》、*《数学》、《英语》。')
  })

  it('leaves emphasis that is one, and full-width stars', async () => {
    const html = await articleToHtml(new VFile({ path: '/m/a.md', value: '# 课程\n\n这是*强调*的话，＊号不变。\n' }), 'a')
    expect(html).toContain('<em>强调</em>')
    expect(html).toContain('＊号不变')
  })
})
