/**
 * The images an article asks for, checked on disk: they must be files inside the manuscript
 * folder. A web address, an absolute path or a file outside the folder is refused (the page may
 * read nothing else, issue 7), a missing file is an error at its line, so is a file that is not
 * a picture the browser can show (it would print a broken-image icon), and a very large picture
 * gets a warning (it slows the layout and bloats the PDF).
 */
import { extname, relative, resolve, sep } from 'node:path'
import { imageSizeFromFile } from 'image-size/fromFile'
import { damagedImage } from './image-integrity.ts'
import { LIMITS, MISSING, refuseOutside } from './inside-folder.ts'
import type { VFile } from 'vfile'
import { SOURCE } from '../diagnostics.ts'

const LARGE = 20 * 2 ** 20

/** Formats Chromium draws (image-size's names; AVIF is reported as heif). */
const SHOWN = new Set(['png', 'jpg', 'gif', 'webp', 'svg', 'bmp', 'ico'])

export async function checkImages(file: VFile, manuscriptRoot: string): Promise<void> {
  for (const image of file.data.images ?? []) {
    const place = image.line ? { line: image.line, column: image.column ?? 1 } : undefined
    const fail = (reason: string) => {
      file.message(reason, { ...(place ? { place } : {}), source: SOURCE, ruleId: 'image' }).fatal = true
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(image.url) || image.url.startsWith('//')) {
      fail(`不会从网上或其他位置读取图片：${image.url.slice(0, 80)}；请把图片文件放进稿件文件夹，写成 ![说明](图片.png)`)
      continue
    }
    let path: string
    try {
      path = resolve(manuscriptRoot, decodeURI(image.url.split(/[?#]/)[0]!).replace(/^\/+/, ''))
    } catch {
      fail(`图片地址无法识别：${image.url.slice(0, 80)}`)
      continue
    }
    const inside = relative(manuscriptRoot, path)
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) {
      fail(`图片不在稿件文件夹内：${image.url}；请把图片复制到稿件文件夹中`)
      continue
    }
    // Issue 20: a picture linked to a file outside the folder, or a special file, is never read.
    const checked = await refuseOutside(manuscriptRoot, path, LIMITS.imageBytes)
    if (checked === MISSING) {
      fail(`图片文件不存在：${image.url}（稿件文件夹中没有 ${inside}）`)
      continue
    }
    if (typeof checked === 'string') {
      fail(`图片${checked}：${image.url}；请把图片文件本身复制到稿件文件夹中`)
      continue
    }
    // The header says what the file is; a file that is not a picture would print as a broken icon.
    const header = await imageSizeFromFile(checked.real).catch(() => undefined)
    if (!header?.type || !header.width || !header.height) {
      fail(`图片文件已损坏或不是图片：${image.url}；请重新导出为 PNG 或 JPG 后再放进稿件文件夹`)
      continue
    }
    if (!SHOWN.has(header.type) && !(header.type === 'heif' && extname(path).toLowerCase() === '.avif')) {
      fail(`这种图片格式（${header.type.toUpperCase()}）无法排入小册子：${image.url}；请另存为 PNG 或 JPG`)
      continue
    }
    // Before anything decodes it (issue 20, F-9): a pixel-count bomb is no damaged picture.
    if (header.width * header.height > LIMITS.imagePixels) {
      fail(`图片像素太多（${header.width} × ${header.height}，上限 1 亿像素，如 10000 × 10000）：${image.url}；请缩小后再放进稿件文件夹`)
      continue
    }
    const damage = await damagedImage(checked.real, header.type)
    if (damage) {
      fail(`图片文件已损坏：${image.url}，${damage}；请重新导出为 PNG 或 JPG 后再放进稿件文件夹`)
      continue
    }
    if (checked.size > LARGE) {
      file.message(`图片很大（${Math.round(checked.size / 2 ** 20)} MB）：${image.url}；排版会变慢、PDF 会很大，建议先压缩到几 MB 以内`, {
        ...(place ? { place } : {}),
        source: SOURCE,
        ruleId: 'image',
      }).fatal = false
    }
  }
}
