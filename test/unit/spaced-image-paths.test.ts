/** An image whose file name has a space is still an image, and `check --fix` writes it in the standard form. */
import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { processManuscript } from '../../src/pipeline/process-manuscript.ts'
import { applyEdits } from '../../src/pipeline/fixes.ts'
import { v } from './valibot-default.ts'

async function processed(markdown: string) {
  const file = new VFile({ path: 'a.md', value: markdown, data: { displayPath: 'a.md' } })
  const { articles, diagnostics } = await processManuscript({ root: '.', config: v(), articles: [file] })
  const images: Record<string, unknown>[] = []
  visit(articles[0]!.tree as Root, 'element', (node: Element) => {
    if (node.tagName === 'img') images.push(node.properties)
  })
  return { images, diagnostics, file, fixed: applyEdits(markdown, file.data.edits ?? []) }
}

describe('image paths with spaces', () => {
  it('makes the image, points at it and rewrites it with angle brackets', async () => {
    const { images, diagnostics, fixed, file } = await processed('# 题\n\n会议现场：\n\n![会议现场](会议 现场照片.png)\n\n另见![第二张]( 合影 2.JPG "合影")。\n')
    expect(images).toEqual([
      { src: '%E4%BC%9A%E8%AE%AE%20%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png', alt: '会议现场' },
      { src: '%E5%90%88%E5%BD%B1%202.JPG', alt: '第二张', title: '合影' },
    ])
    expect(file.data.images?.map((i) => [i.url, i.line, i.column])).toEqual([['会议 现场照片.png', 5, 1], ['合影 2.JPG', 7, 3]])
    expect(diagnostics.filter((d) => d.rule === 'image-path').map((d) => [d.line, d.column, d.severity])).toEqual([[5, 1, 'info'], [7, 3, 'info']])
    // Only the image syntax changes: no PN-5 full-width brackets inside it.
    expect(fixed).toBe('# 题\n\n会议现场：\n\n![会议现场](<会议 现场照片.png>)\n\n另见![第二张](<合影 2.JPG> "合影")。\n')
  })

  it('leaves text that is not an image file alone', async () => {
    const { images, diagnostics } = await processed('# 题\n\n写法 ![说明](不是 图片) 和 `![图](a b.png)` 不动。\n')
    expect(images).toEqual([])
    expect(diagnostics.filter((d) => d.rule === 'image-path')).toEqual([])
  })
})
