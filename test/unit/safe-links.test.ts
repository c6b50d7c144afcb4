/**
 * Issue 20, F-12: only web and mail addresses and places in the booklet stay links; a
 * `javascript:`, `vbscript:`, `data:` or `file:` address, or a path on the author's disk, is
 * printed as its text and never becomes a live link annotation of the PDF.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml } from '../../src/pipeline/processor.ts'

async function links(body: string): Promise<{ hrefs: string[]; html: string }> {
  const html = await articleToHtml(new VFile({ path: '/m/a.md', value: `# 通知\n\n${body}\n` }), 'a')
  return { hrefs: [...html.matchAll(/<a [^>]*href="([^"]*)"/gu)].map((m) => m[1]!), html }
}

describe('links in the PDF', () => {
  it('keeps http(s), mailto and footnote links', async () => {
    const { hrefs } = await links('见[网站](https://www.gov.cn/)、[邮箱](mailto:office@example.cn)和<http://example.cn/a>。注释[^1]\n\n[^1]: 说明。')
    expect(hrefs.filter((h) => !h.startsWith('#'))).toEqual(['https://www.gov.cn/', 'mailto:office@example.cn', 'http://example.cn/a'])
    expect(hrefs.some((h) => h.startsWith('#'))).toBe(true)
  })

  it('prints every other address as text', async () => {
    const { hrefs, html } = await links(
      '[点这里](javascript:alert(1))、[脚本](vbscript:msgbox)、[数据](data:text/html,<b>x</b>)、[本机](file:///etc/passwd)、[文件](附件.docx)、[大写](JAVASCRIPT:alert(1))',
    )
    expect(hrefs).toEqual([])
    for (const text of ['点这里', '脚本', '数据', '本机', '文件', '大写']) expect(html).toContain(`<span class="link-text">${text}</span>`)
  })
})
