/**
 * The pure part of the pipeline: one article's Markdown → an `<article>` hast tree.
 * Plugin order matters and is explained where it does.
 */
import type { Root as HastRoot } from 'hast'
import rehypeStringify from 'rehype-stringify'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { Official } from '../config/schema.ts'
import { SOURCE } from '../diagnostics.ts'
import rehypeArticle from './rehype/article.ts'
import rehypeFontCoverage, { type Options as CoverageOptions } from './rehype/font-coverage.ts'
import rehypeLineBreaks from './rehype/line-breaks.ts'
import rehypePunctuationPairs from './rehype/punctuation-pairs.ts'
import rehypeQuoteBreaks from './rehype/quote-breaks.ts'
import rehypeSafeLinks from './rehype/safe-links.ts'
import rehypeTableCaptions from './rehype/table-captions.ts'
import rehypeTableRows from './rehype/table-rows.ts'
import rehypeTitleWords from './rehype/title-words.ts'
import rehypeSections from './rehype/sections.ts'
import rehypeSpeechParts from './rehype/speech-parts.ts'
import remarkArticleMatter from './remark/article-matter.ts'
import remarkAsteriskMarkers from './remark/asterisk-markers.ts'
import remarkArticleTitle from './remark/article-title.ts'
import remarkAutolinkEnds from './remark/autolink-ends.ts'
import remarkNestingDepth, { MAX_NESTING } from './remark/nesting-depth.ts'
import remarkNoIndentedCode from './remark/no-indented-code.ts'
import remarkDropRawHtml from './remark/drop-raw-html.ts'
import remarkHtmlTables from './remark/html-tables.ts'
import remarkEmphasisDots from './remark/emphasis-dots.ts'
import remarkHeadingNumbers, { type NumberingMode } from './remark/heading-numbers.ts'
import remarkImageSources from './remark/image-sources.ts'
import remarkPunctuation from './remark/punctuation.ts'
import remarkRunInHeadings from './remark/run-in-headings.ts'
import remarkSpacedImagePaths from './remark/spaced-image-paths.ts'

export interface ArticleOptions {
  numbering?: NumberingMode
  /** LC-13: keep spaces between Han and Latin/digits. */
  latinSpacing?: boolean
  /** booklet.yaml's `official` defaults (an office's issuer, printer, 落款 arrangement …). */
  official?: Official
  /** Laid out as an official document (gongwen-a4): with its 版头, Arabic 成文日期 and sealed 落款. */
  officialLayout?: boolean
  /** Font coverage per role; without it the FN-5 check is skipped (unit tests). */
  coverage?: CoverageOptions
}

/** Builds the processor for one article; `articleId` prefixes every id it creates. */
export function createArticleProcessor(articleId: string, options: ArticleOptions = {}) {
  const processor = (
    unified()
      .use(remarkParse)
      .use(remarkNoIndentedCode)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfm)
      // After remark-gfm: lets `**强调。**` close next to Chinese punctuation.
      .use(remarkCjkFriendly)
      // Then: a star that marks an item (*《语文》、*《数学》) is no emphasis.
      .use(remarkAsteriskMarkers)
      // Before every plugin that reads text: a bare URL no longer swallows the Chinese after it.
      .use(remarkAutolinkEnds)
      // Front matter first: the title plugin prefers the front matter's title.
      .use(remarkArticleMatter)
      .use(remarkArticleTitle)
      // Before the rest of the HTML is dropped: an HTML table (merged cells) is a table.
      .use(remarkHtmlTables)
      .use(remarkDropRawHtml)
      .use(remarkNestingDepth)
      // Before the image list and punctuation: its text becomes an image, not brackets to fix.
      .use(remarkSpacedImagePaths)
      .use(remarkImageSources)
      // Punctuation before headings are split or numbered: edits keep their source offsets.
      .use(remarkPunctuation, { latinSpacing: options.latinSpacing ?? false })
      // Run-in split before numbering: the number belongs to the heading part only.
      .use(remarkRunInHeadings)
      .use(remarkHeadingNumbers, { numbering: options.numbering ?? 'auto' })
      .use(remarkEmphasisDots)
      .use(remarkRehype, {
        // Raw HTML in a manuscript is dropped, never passed to the page (no script can run).
        allowDangerousHtml: false,
        clobberPrefix: `${articleId}-`,
        footnoteLabel: '注释',
        footnoteLabelTagName: 'p',
        footnoteLabelProperties: { className: ['footnotes-label'] },
        footnoteBackLabel: (n: number) => `返回正文第 ${n + 1} 处引用`,
        footnoteBackContent: '↩',
      })
      // Straight after the HTML is made: no link but web, mail and in-booklet addresses reaches the page.
      .use(rehypeSafeLinks)
      // On the flat body, before sections nest it: the closing is the article's last paragraphs.
      .use(rehypeSpeechParts, { official: options.officialLayout ? (options.official ?? {}) : undefined })
      // Sections before the article wrapper: it only looks at top-level headings.
      .use(rehypeSections)
      .use(rehypeQuoteBreaks)
      .use(rehypeLineBreaks)
      // After the break spans: it only splits plain text, inside or outside them.
      .use(rehypePunctuationPairs)
      .use(rehypeArticle, { official: options.official ?? {}, officialLayout: options.officialLayout ?? false })
      .use(rehypeTitleWords)
      .use(rehypeTableRows)
      .use(rehypeTableCaptions)
  )
  // Last: sees the header too, and knows each text's role from its element.
  return options.coverage ? processor.use(rehypeFontCoverage, options.coverage) : processor
}

/** Levels of `>` or of list indentation past which the text is not parsed at all (remark-nesting-depth reports the rest). */
const PARSE_NESTING = 400

/** The text with every line whose quote markers or list indentation go deeper than PARSE_NESTING made spaces, and the first such line. */
function withoutDeepNesting(text: string): { text: string; deep?: number } {
  const lines = text.split('\n')
  let deep: number | undefined
  for (const [i, line] of lines.entries()) {
    // Quote markers in the line's lead (`- > > 项` too), and list levels by indentation (two spaces a level at least).
    const lead = /^[ \t>*+\-\d.)]*/u.exec(line)![0]
    const indent = /^[ \t]*/u.exec(line)![0].replace(/\t/gu, '    ').length
    const depth = (lead.match(/>/gu)?.length ?? 0) + Math.floor(indent / 2)
    if (depth <= PARSE_NESTING) continue
    deep ??= i + 1
    lines[i] = ' '.repeat(line.length)
  }
  return deep ? { text: lines.join('\n'), deep } : { text }
}

/** Runs the pure pipeline on one article file; diagnostics land in `file.messages`. */
export async function processArticle(file: VFile, articleId: string, options: ArticleOptions = {}): Promise<HastRoot> {
  file.data.articleId = articleId
  // Issue 20 (F-9): quotes or lists nested hundreds deep overflow the stack of the tree
  // conversions that follow the parse; they are refused from the text, at their line, and the
  // rest is read with those lines blanked (spaces: every other place in the file stays where it is).
  const { text, deep } = withoutDeepNesting(String(file.value))
  if (deep) {
    const message = file.message(`列表和引用嵌套了 ${PARSE_NESTING} 层以上，最多 ${MAX_NESTING} 层：请检查这里的行首缩进和“>”号`, {
      place: { line: deep, column: 1 },
      source: SOURCE,
      ruleId: 'nesting',
    })
    message.fatal = true
  }
  const processor = createArticleProcessor(articleId, options)
  const mdast = processor.parse(deep ? new VFile({ path: file.path, value: text }) : file)
  return (await processor.run(mdast, file)) as HastRoot
}

/** For tests and `--html` debugging: one article as an HTML fragment. */
export async function articleToHtml(file: VFile, articleId: string, options: ArticleOptions = {}): Promise<string> {
  const tree = await processArticle(file, articleId, options)
  return unified().use(rehypeStringify).stringify(tree)
}
