/**
 * remark plugin: takes the article title out of the body. The title is the front matter's
 * `title`, else the first `#` heading; that heading is removed from the tree because the
 * article header (rehype-article) sets the title itself.
 */
import type { Heading, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { basename, extname } from 'node:path'
import type { VFile } from 'vfile'
import { SOURCE } from '../../diagnostics.ts'

export default function remarkArticleTitle() {
  return (tree: Root, file: VFile) => {
    const h1s = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1)
    const first = h1s[0]
    const fromHeading = first ? toString(first).trim() : undefined
    const fromMatter = file.data.matter?.title
    if (first) tree.children.splice(tree.children.indexOf(first), 1)
    for (const extra of h1s.slice(1)) {
      file.message('一篇文章只能有一个一级标题（# 标题）；其余的 # 标题按“##”处理', {
        place: extra.position,
        source: SOURCE,
        ruleId: 'single-title',
      })
      extra.depth = 2
    }
    if (fromMatter && fromHeading && fromMatter !== fromHeading) {
      file.message(`前置信息中的标题“${fromMatter}”与 # 标题“${fromHeading}”不一致，采用前置信息中的标题`, {
        place: first?.position,
        source: SOURCE,
        ruleId: 'title-mismatch',
      })
    }
    const title = fromMatter ?? fromHeading
    // With broken front matter the title is unknown, not missing: that error is enough.
    const matterFailed = file.messages.some((m) => m.ruleId === 'front-matter')
    if (!title && !matterFailed) {
      file.message('文章没有标题：请在开头写“# 标题”，或在前置信息中写 title；暂用文件名作标题', {
        place: { line: 1, column: 1 },
        source: SOURCE,
        ruleId: 'missing-title',
      })
    }
    file.data.title = title ?? (file.path ? basename(file.path, extname(file.path)) : '未命名文章')
  }
}
