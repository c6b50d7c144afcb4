/**
 * remark plugin: an image whose file name has a space, `![会议现场](会议 现场照片.png)`.
 * CommonMark does not allow a space in a link destination, so the line is plain text and the
 * page would print the Markdown instead of the photo. Photos named by cameras, chat apps and
 * Word exports often have spaces, and editors such as Typora show them as images, so the image
 * is made here — only where the destination ends in an image extension — with a note that
 * `booklet check --fix` rewrites it to the standard form `![会议现场](<会议 现场照片.png>)`.
 */
import type { Image, PhrasingContent, Root, Text } from 'mdast'
import { SKIP, visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'
import { pointAt, recordEdit, sliceText } from '../fixes.ts'
import { SKIP_PARENTS } from './punctuation.ts'

const EXTENSIONS = 'png|jpe?g|gif|webp|svg|bmp|avif|tiff?'
/** `![alt](path with space.ext)`, optionally with a "title"; no brackets or line break inside. */
const SPACED_IMAGE = new RegExp(`!\\[([^\\[\\]\\n]*)\\]\\(\\s*([^()<>\\n"]*? [^()<>\\n"]*?\\.(?:${EXTENSIONS}))\\s*(?:"([^"\\n]*)")?\\s*\\)`, 'giu')

export default function remarkSpacedImagePaths() {
  return (tree: Root, file: VFile) => {
    visitParents(tree, 'text', (node: Text, ancestors) => {
      const parent = ancestors[ancestors.length - 1]
      if (!parent || !('children' in parent) || ancestors.some((a) => SKIP_PARENTS.has(a.type))) return
      const matches = [...node.value.matchAll(SPACED_IMAGE)]
      if (matches.length === 0) return
      const pieces: PhrasingContent[] = []
      let at = 0
      for (const match of matches) {
        const [whole, alt = '', path = '', title] = match
        if (match.index > at) pieces.push(sliceText(node, at, match.index))
        const start = pointAt(node, match.index)
        const end = pointAt(node, match.index + whole.length)
        pieces.push({
          type: 'image',
          url: path.trim(),
          alt,
          title: title ?? null,
          ...(start && end ? { position: { start, end } } : {}),
        } satisfies Image)
        const standard = `![${alt}](<${path.trim()}>${title === undefined ? '' : ` "${title}"`})`
        const message = file.message(`图片文件名里有空格，已按图片排入；标准写法是 ${standard}（booklet check --fix 可自动改写）`, {
          ...(start ? { place: start } : {}),
          source: SOURCE,
          ruleId: 'image-path',
        })
        message.fatal = undefined // handled, for review: 提示
        recordEdit(file, node, match.index, whole.length, standard, 'image-path')
        at = match.index + whole.length
      }
      if (at < node.value.length) pieces.push(sliceText(node, at, node.value.length))
      const index = parent.children.indexOf(node as never)
      parent.children.splice(index, 1, ...(pieces as never[]))
      return [SKIP, index + pieces.length]
    })
  }
}
