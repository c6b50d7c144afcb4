/**
 * Whether a picture's data is whole, not only its header: a PNG or JPEG cut short (a download or
 * a chat-app copy that did not finish) still has a good header, and Chromium prints it blank or
 * half-drawn without a word. Checked the way the formats define it: PNG chunk checksums and a
 * complete zlib stream ending in IEND, JPEG's end-of-image marker, GIF's trailer. An SVG must be
 * well-formed XML: Chromium draws nothing for one that is not (an unclosed tag, a bare &).
 */
import { readFile } from 'node:fs/promises'
import { crc32, inflateSync } from 'node:zlib'
import { XMLValidator } from 'fast-xml-parser'

/** Why the data is not whole, or undefined when it is (or when the format has no such check). */
export async function damagedImage(path: string, type: string): Promise<string | undefined> {
  if (type !== 'png' && type !== 'jpg' && type !== 'gif' && type !== 'svg') return undefined
  const data = await readFile(path)
  if (type === 'png') return damagedPng(data)
  if (type === 'svg') return malformedSvg(data)
  // Some programs append a few bytes after the end marker; the marker must be near the end.
  const tail = data.subarray(Math.max(0, data.length - 1024))
  if (type === 'jpg') return tail.includes(Buffer.from([0xff, 0xd9])) ? undefined : '文件不完整（缺少 JPEG 结束标记）'
  return tail.includes(0x3b) ? undefined : '文件不完整（缺少 GIF 结束标记）'
}

function malformedSvg(data: Buffer): string | undefined {
  const text = data.toString('utf8')
  const result = XMLValidator.validate(text)
  if (result !== true) {
    // Tags left open are found only at the end, and reported at 1:1: no place to name then.
    const { line, col } = result.err
    return `SVG 文件${line > 1 || col > 1 ? `第 ${line} 行第 ${col} 列` : ''}不是完整的 XML（标签没有闭合或含有非法字符）`
  }
  // As a picture, an SVG is drawn only in its namespace (an entity such as Illustrator's &ns_svg; is taken on trust).
  const root = /<svg\b[^>]*>/u.exec(text)?.[0] ?? ''
  if (!/\bxmlns\s*=\s*["'](?:http:\/\/www\.w3\.org\/2000\/svg|&[\w.-]+;)["']/u.test(root)) {
    return 'SVG 文件的 <svg> 缺少 xmlns="http://www.w3.org/2000/svg"，浏览器不会显示它'
  }
  return undefined
}

function damagedPng(data: Buffer): string | undefined {
  const idat: Buffer[] = []
  let at = 8
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at)
    const type = data.toString('latin1', at + 4, at + 8)
    const end = at + 12 + length
    if (end > data.length) return '文件不完整（数据在中途截断）'
    if (crc32(data.subarray(at + 4, at + 8 + length)) >>> 0 !== data.readUInt32BE(at + 8 + length)) return `数据校验不符（${type} 块已损坏）`
    if (type === 'IDAT') idat.push(data.subarray(at + 8, at + 8 + length))
    if (type === 'IEND') {
      try {
        inflateSync(Buffer.concat(idat))
      } catch {
        return '图像数据已损坏（无法解压）'
      }
      return undefined
    }
    at = end
  }
  return '文件不完整（缺少 PNG 结束块）'
}
