/**
 * remark plugin: records every image the article asks for, with its place, in
 * `file.data.images`. Pure: whether each file exists is checked where the disk is read
 * (manuscript/check-images.ts), so that a missing image is an error at its line before any
 * browser starts, and never a broken-picture icon in print.
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

export interface ImageSource {
  url: string
  line?: number
  column?: number
}

declare module 'vfile' {
  interface DataMap {
    images: ImageSource[]
  }
}

export default function remarkImageSources() {
  return (tree: Root, file: VFile) => {
    const images: ImageSource[] = []
    visit(tree, 'image', (node) => {
      const start = node.position?.start
      images.push({ url: node.url, ...(start ? { line: start.line, column: start.column } : {}) })
    })
    file.data.images = images
  }
}
