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
    // Issue 20 (F-9): a reference-style image (![现场][r] … [r]: 图.png) is the address of its
    // definition, at the place of the reference — checked like any other, not found by the page.
    const definitions = new Map<string, string>()
    visit(tree, 'definition', (node) => {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url)
    })
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return
      const url = node.type === 'image' ? node.url : definitions.get(node.identifier)
      if (url === undefined) return
      const start = node.position?.start
      images.push({ url, ...(start ? { line: start.line, column: start.column } : {}) })
    })
    file.data.images = images
  }
}
