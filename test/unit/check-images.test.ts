/** Images are checked on disk before any browser starts: whole pictures pass, damaged ones are errors at their line. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { checkImages } from '../../src/manuscript/check-images.ts'
import { makePng } from '../helpers/make-png.ts'

const jpeg = join(import.meta.dirname, '../fixtures/images/page.jpg')

async function messagesFor(files: Record<string, Buffer | string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'booklet-images-'))
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data)
  const file = new VFile({ path: join(dir, 'a.md'), value: '' })
  file.data.images = Object.keys(files).map((url, i) => ({ url, line: i + 3, column: 1 }))
  await checkImages(file, dir)
  return file.messages.map((m) => `${m.line}:${m.fatal ? '错误' : '警告'}：${m.reason}`)
}

describe('images on disk', () => {
  it('passes whole PNG, JPEG and SVG pictures', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    expect(await messagesFor({ 'a.png': makePng(20, 10), 'b.jpg': readFileSync(jpeg), 'c.svg': svg })).toEqual([])
  })

  it('refuses a file that is not a picture, or one the browser cannot show', async () => {
    // A Photoshop header: version 1, 3 channels, 10 × 20 pixels.
    const psd = Buffer.concat([Buffer.from('8BPS', 'latin1'), Buffer.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0, 20, 0, 8, 0, 3])])
    expect(await messagesFor({ 'a.png': 'not a png', 'b.png': Buffer.alloc(1024), 'c.psd': psd })).toEqual([
      '3:错误：图片文件已损坏或不是图片：a.png；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '4:错误：图片文件已损坏或不是图片：b.png；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '5:错误：这种图片格式（PSD）无法排入小册子：c.psd；请另存为 PNG 或 JPG',
    ])
  })

  it('finds a picture cut short or damaged after a good header', async () => {
    const png = makePng(64, 64, { noise: true })
    const bitFlipped = Buffer.from(png)
    bitFlipped[60] = bitFlipped[60]! ^ 0xff
    const jpg = readFileSync(jpeg)
    expect(await messagesFor({ 'cut.png': png.subarray(0, png.length >> 1), 'flipped.png': bitFlipped, 'cut.jpg': jpg.subarray(0, jpg.length - 200) })).toEqual([
      '3:错误：图片文件已损坏：cut.png，文件不完整（数据在中途截断）；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '4:错误：图片文件已损坏：flipped.png，数据校验不符（IDAT 块已损坏）；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '5:错误：图片文件已损坏：cut.jpg，文件不完整（缺少 JPEG 结束标记）；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
    ])
  })

  it('finds an SVG that is not well-formed XML (Chromium draws nothing for it), and takes one with a DOCTYPE of entities', async () => {
    const open = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n<g><rect width="10" height="10"/>\n'
    const amp = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>A & B</text></svg>'
    const illustrator = '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY ns_svg "http://www.w3.org/2000/svg">\n]>\n<svg xmlns="&ns_svg;" width="10" height="10"><rect width="5" height="5"/></svg>'
    const bare = '<svg width="10" height="10"><rect width="5" height="5"/></svg>'
    expect(await messagesFor({ 'open.svg': open, 'amp.svg': amp, 'ai.svg': illustrator, 'bare.svg': bare })).toEqual([
      '3:错误：图片文件已损坏：open.svg，SVG 文件不是完整的 XML（标签没有闭合或含有非法字符）；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '4:错误：图片文件已损坏：amp.svg，SVG 文件第 1 行第 72 列不是完整的 XML（标签没有闭合或含有非法字符）；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
      '6:错误：图片文件已损坏：bare.svg，SVG 文件的 <svg> 缺少 xmlns="http://www.w3.org/2000/svg"，浏览器不会显示它；请重新导出为 PNG 或 JPG 后再放进稿件文件夹',
    ])
  })

  it('only warns about a very large picture that is whole', async () => {
    expect(await messagesFor({ 'big.png': makePng(2700, 2700, { noise: true }) })).toEqual([expect.stringMatching(/^3:警告：图片很大（21 MB）：big\.png/)])
  })
})
