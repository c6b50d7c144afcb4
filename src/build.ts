/**
 * The build, step by step: read the manuscript → run each article through the pure pipeline →
 * assemble the booklet HTML → paginate and print in Chromium → post-process the PDF → write
 * both outputs atomically. Returns one report; throws BookletError only for operational failures.
 */
import type { Root as HastRoot } from 'hast'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { contentKey, rememberBooklet, unchangedBooklet, type BuildCache } from './build-cache.ts'
import { diagnosticAt } from './diagnostics.ts'
import { BookletError } from './errors.ts'
import { articleFrameDocument, articleMain, bookletParts, documentToHtml, NEXT_ARTICLE_ID, piecesToHtml, splitDocuments, wholeDocument, type BookletParts } from './document/booklet-document.ts'
import { presetStyles, type PresetName } from './document/styles.ts'
import type { Grid } from './document/page-rules.ts'
import { officialExpectation, type OfficialExpectation } from './pdf/official-expectations.ts'
import { officialOf } from './pipeline/rehype/official-parts.ts'
import type { Official } from './config/schema.ts'
import { roleFontReports } from './fonts/role-report.ts'
import { pageFonts } from './fonts/coverage.ts'
import { fontMounts } from './fonts/roles.ts'
import { displayPath, loadManuscript } from './manuscript/load-manuscript.ts'
import { checkOutputDir, ensureOutputDir, writeAllAtomically } from './output-files.ts'
import { imposeBooklet } from './pdf/impose.ts'
import { comparePages, previousPageDigests } from './pdf/page-changes.ts'
import { postprocessPdf, type Bookmark } from './pdf/postprocess.ts'
import { preflight } from './pdf/preflight.ts'
import { hanPlace, typesetHan } from './pipeline/han-places.ts'
import { processManuscript } from './pipeline/process-manuscript.ts'
import type { ArticleOutline } from './pipeline/types.ts'
import type { ArticlePlan } from './render/relayout.ts'
import { renderPdf, type BrowserSession, type RenderResult } from './render/render-pdf.ts'
import { MIN_SPLIT_CHARS, splitPoint, type SplitPlan } from './render/split-layout.ts'
import { startBrowser, type StartingBrowser } from './render/start-browser.ts'
import type { BuildReport } from './report.ts'
import { parseDate } from './text/chinese-date.ts'
import type { VFile } from 'vfile'

/** What an interrupted build says (the CLI prints the same on Ctrl-C). */
export const INTERRUPTED = '已中断：没有生成新的 PDF（上一次的 PDF 保持不变）。'

export interface BuildOptions {
  input?: string
  outDir?: string
  browserPath?: string | undefined
  timeoutMs?: number
  cwd?: string
  /** Also write booklet-imposed.pdf for saddle stitching (two A5 pages per A4 side). */
  impose?: boolean
  /** Fold marks on the imposed sheets. */
  marks?: boolean
  /** A failed preflight check fails the build, and the previous PDF stays. */
  strict?: boolean
  /** Overrides booklet.yaml's preset. */
  preset?: PresetName
  /** A browser already open (watch mode keeps one warm). */
  session?: BrowserSession
  /** A running browser's DevTools WebSocket (`--browser-ws`, pagedjs-cli's browserEndpoint). */
  browserWs?: string
  /** Aborted by Ctrl-C (watch): the build writes nothing from then on. */
  signal?: AbortSignal
  /** A browser the caller started already (the CLI starts it before loading the pipeline). */
  starting?: StartingBrowser
  /** Kept between builds by `booklet watch`: unchanged articles and an unchanged booklet cost nothing. */
  cache?: BuildCache
  /**
   * A long booklet is laid out in two tabs at once (split-layout.ts) where there are two cores or
   * more; false: always in one tab; true: in two whenever there are two articles (the tests
   * compare the two ways).
   */
  twoTabs?: boolean
}

export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  if (options.session) return buildIn(options, async () => options.session!, () => undefined)
  // No browser open yet: start one at once (unless the CLI already has), see start-browser.ts.
  const starting = options.starting ?? startBrowser(options)
  let closing: Promise<void> | undefined
  const close = () => (closing ??= starting.then((started) => ('session' in started ? started.session.close() : undefined)))
  try {
    return await buildIn(
      options,
      async () => {
        const started = await starting
        if ('error' in started) throw started.error
        return started.session
      },
      // Once the PDF is printed the browser has no more to do: it shuts down while the PDF is checked.
      () => void close(),
    )
  } finally {
    await close()
  }
}

async function buildIn(options: BuildOptions, browser: () => Promise<BrowserSession>, browserDone: () => void): Promise<BuildReport> {
  const cwd = options.cwd ?? process.cwd()
  const timings: Record<string, number> = {}
  const time = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const start = performance.now()
    try {
      return await step()
    } finally {
      timings[name] = Math.round(performance.now() - start)
    }
  }

  // 1. Read the manuscript folder (or file) and booklet.yaml.
  const input = options.input ?? 'manuscript'
  const manuscript = await time('read', () => loadManuscript(input, cwd))

  // 2. Each article through the pure pipeline; collect diagnostics.
  const preset = options.preset ?? manuscript.config.preset
  const { articles: processed, diagnostics } = await time('pipeline', () => processManuscript(manuscript, options.cache?.articles, preset))
  const title = manuscript.config.title ?? (processed.length === 1 ? processed[0]!.outline.title : '学习资料汇编')
  const report: BuildReport = {
    ok: false,
    input: displayPath(resolve(cwd, input), cwd),
    outputs: {},
    title,
    pageCount: 0,
    bodyStartPage: -1,
    pages: [],
    articles: [],
    fonts: [],
    markWidths: [],
    compression: null,
    preflight: null,
    imposition: null,
    changes: null,
    relaid: null,
    diagnostics,
    timings,
  }
  if (diagnostics.some((d) => d.severity === 'error')) return report

  // 3. One HTML document: cover, 目录, articles, styles and fonts.
  const styles = await presetStyles(preset)
  const parts = bookletParts({
    config: manuscript.config,
    title,
    articles: processed.map(({ tree, outline }) => ({ tree, outline })),
    css: styles.css,
    fontCss: styles.fontCss,
    frontMatter: styles.frontMatter,
  })
  const html = documentToHtml(wholeDocument(parts))
  const outDir = resolve(cwd, options.outDir ?? 'dist')
  const shownOut = displayPath(outDir, cwd)
  // The same HTML and options as the booklet last written, whose files are still there: that
  // booklet is this one (builds are reproducible), so nothing is laid out again.
  const bookletKey = contentKey(html, outDir, String(options.impose ?? false), String(options.marks ?? false), String(options.strict ?? false), process.env.SOURCE_DATE_EPOCH ?? '')
  const unchanged = options.cache && (await unchangedBooklet(options.cache, bookletKey))
  if (unchanged) {
    return { ...unchanged.report, diagnostics: [...diagnostics, ...unchanged.renderDiagnostics], changes: { pages: [], removed: 0, ...(unchanged.report.imposition ? { sheets: [] } : {}) }, timings }
  }
  const pipelineDiagnostics = diagnostics.length
  const htmlPath = join(outDir, 'booklet.html')
  const pdfPath = join(outDir, 'booklet.pdf')
  // What the booklet now in the output folder printed on each page (to tell which pages change):
  // read while the browser prints, not after the preflight (pdf-lib parses the whole PDF: 50–100
  // ms at 200 pages). Not earlier: while the browser lays out, this thread answers its requests.
  let previousDigests: Promise<string[] | undefined> | undefined
  const readPreviousDigests = () => (previousDigests ??= previousPageDigests(pdfPath))
  const fonts = await pageFonts(html)
  // The browser before anything is written: no empty output folder when there is none.
  const session = await time('browser', browser)
  await checkOutputDir(outDir, shownOut)

  // 4. Paginate and print in Chromium.
  const outlines = processed.map((p) => p.outline)
  // What the warm page printed last is known only until it renders again.
  const lastPrinted = options.cache?.printed
  if (options.cache) options.cache.printed = undefined
  const rendered = await time('render', () =>
    renderPdf({
      html,
      manuscriptRoot: manuscript.root,
      fontMounts: fontMounts(),
      fonts,
      targetIds: outlines.flatMap((o) => [o.id, ...o.headings.map((x) => x.id)]),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      session,
      // A warm page (watch) then lays out again only the articles that changed.
      ...(options.session ? { articles: articlePlan(parts, outlines.map((o) => o.id)) } : {}),
      // A long booklet is laid out in two parts at once, on two cores (split-layout.ts).
      split: styles.articlesOpenRight ? splitPlan(parts, processed.map((p) => p.file), options.twoTabs) : undefined,
      whilePrinting: () => void readPreviousDigests(),
    }),
  )
  browserDone()
  for (const [phase, ms] of Object.entries(rendered.phases)) timings[`render.${phase}`] = ms
  for (const refused of new Set(rendered.refusedRequests)) {
    diagnostics.push({ file: report.input, message: `未载入：${refused}`, rule: 'asset', severity: 'warning' })
  }
  // A picture whose header looked right but whose data the browser could not decode.
  if (rendered.brokenImages.length > 0) {
    for (const src of rendered.brokenImages) {
      const at = processed.flatMap(({ file }) => (file.data.images ?? []).filter((i) => sameUrl(i.url, src)).map((i) => ({ file: file.data.displayPath ?? report.input, line: i.line, column: i.column })))
      for (const place of at.length ? at : [{ file: report.input, line: undefined, column: undefined }]) {
        diagnostics.push({
          file: place.file,
          ...(place.line ? { line: place.line, column: place.column ?? 1 } : {}),
          message: `图片文件已损坏，浏览器无法显示：${src}；请重新导出为 PNG 或 JPG 后再放进稿件文件夹`,
          rule: 'image',
          severity: 'error',
        })
      }
    }
    return report
  }
  for (const family of rendered.missingFonts) {
    diagnostics.push({ file: report.input, message: `字体未能载入：${family}`, rule: 'FN-6', severity: 'warning' })
  }
  const fontReport = roleFontReports(rendered.fontsUsed, report.input)
  diagnostics.push(...fontReport.diagnostics)
  report.fonts = fontReport.fonts
  report.markWidths = rendered.markWidths
  report.compression = rendered.compression
  Object.assign(report, layoutReport(rendered, outlines, processed.map((p) => p.file.data.displayPath ?? '')))
  report.relaid = rendered.relaid && rendered.relaid.map((i) => report.articles[i]!.file)

  // 5. Read the printed pages back (preflight, page digests), then metadata, exact A5 boxes, bookmarks.
  // Loaded only now (0.1 s from the bundle): loaded at the start, it slowed the browser's start and the pipeline more.
  const { readPdfText } = await import('./pdf/pdf-text.ts')
  // After a layout of only the edited articles, the pages printed as before are not read again.
  const before = rendered.samePages && lastPrinted ? new Map(rendered.samePages.flatMap((i) => (lastPrinted[i] ? [[i, lastPrinted[i]!] as const] : []))) : undefined
  const printed = await time('read-back', () => readPdfText(rendered.pdf, before))
  if (options.cache) options.cache.printed = printed
  const pageSize = { width: (styles.grid.pageWidthMm / 25.4) * 72, height: (styles.grid.pageHeightMm / 25.4) * 72 }
  // What is printed and on what size of paper: a change of preset changes every page.
  const digests = printed.map((p) => `${p.fingerprint}-${Math.round(pageSize.width)}x${Math.round(pageSize.height)}`)
  const { pdf, document: written } = await time('postprocess', () =>
    postprocessPdf({
      pdf: rendered.pdf,
      // Exact trim size from the preset's grid (Chromium writes 420 × 594.96 pt for A5).
      pageSize,
      title,
      author: manuscript.config.publisher,
      subject: manuscript.config.subtitle,
      date: fixedDate(manuscript.config.date),
      bookmarks: bookmarks(outlines, rendered.targets),
      pageDigests: digests,
    }),
  )
  const imposed = options.impose ? await time('impose', () => imposeBooklet(pdf, { marks: options.marks ?? false })) : undefined
  if (imposed) {
    const pageCount = imposed.sheets.length * 4
    report.imposition = { sheets: imposed.sheets, pageCount, blanks: pageCount - rendered.pages.length }
  }

  // 6. Preflight: the PDF as a print shop would check it.
  report.preflight = await time('preflight', () =>
    preflight({
      pdf: written,
      pages: printed,
      bodyStartPage: rendered.bodyStartPage,
      hasCover: styles.frontMatter,
      toc: !styles.frontMatter ? [] : outlines.flatMap((o) => [o, ...o.headings.filter((x) => x.level === 1)].map((x) => ({ text: 'title' in x ? x.title : x.text, page: rendered.targets[x.id] ?? -1 }))),
      headings: outlines.flatMap((o) => o.headings.map((x) => ({ text: x.text, page: rendered.targets[x.id] ?? -1 }))),
      spreads: rendered.pages.flatMap((p) => (p.spread ? [{ right: p.index, state: p.spread === 'uneven' ? ('uneven' as const) : ('even' as const) }] : [])),
      manuscriptHan: typesetHan(processed),
      repeatedText: rendered.repeatedText,
      glyphless: processed.flatMap(({ file }) => file.data.glyphless ?? []),
      fonts: report.fonts,
      missingFonts: rendered.missingFonts,
      lateFonts: rendered.lateFonts,
      ...(report.imposition ? { imposedPageCount: report.imposition.pageCount } : {}),
      ...(preset === 'gongwen-a4' ? { official: officialPreflight(processed, manuscript.config.official ?? {}, styles.grid) } : {}),
    }),
  )
  for (const failed of report.preflight.checks.filter((c) => !c.ok)) {
    // Lost text is reported at the article and line of its first example (the examples are where layout broke off).
    const lost = failed.lostAt?.length ? hanPlace(processed, failed.lostAt[0]!) : undefined
    for (const problem of failed.problems) {
      const what = { message: `印前检查未通过（${failed.title}）：${problem}`, rule: failed.rule, severity: options.strict || failed.blocking ? ('error' as const) : ('warning' as const) }
      diagnostics.push(lost ? diagnosticAt(lost.file, lost.file.data.displayPath ?? report.input, lost, what) : { file: report.input, ...what })
    }
  }
  if ((options.strict && !report.preflight.ok) || report.preflight.checks.some((c) => c.blocking && !c.ok)) return report

  // 7. Write the files; the previous booklet stays until each new one is complete. Not after
  // Ctrl-C (issue 20, F-14): a rebuild interrupted in watch writes nothing.
  if (options.signal?.aborted) throw new BookletError(INTERRUPTED)
  const imposedPath = join(outDir, 'booklet-imposed.pdf')
  const previous = await readPreviousDigests()
  if (previous) report.changes = comparePages(previous, digests, imposed?.sheets)
  await time('write', async () => {
    await ensureOutputDir(outDir, shownOut)
    await writeAllAtomically([
      { path: pdfPath, data: pdf, shown: displayPath(pdfPath, cwd) },
      { path: htmlPath, data: html, shown: displayPath(htmlPath, cwd) },
      ...(imposed ? [{ path: imposedPath, data: imposed.pdf, shown: displayPath(imposedPath, cwd) }] : []),
    ])
  })
  report.outputs = { html: displayPath(htmlPath, cwd), pdf: displayPath(pdfPath, cwd), ...(imposed ? { imposed: displayPath(imposedPath, cwd) } : {}) }
  report.ok = true
  if (options.cache) {
    const written = [htmlPath, pdfPath, ...(imposed ? [imposedPath] : [])]
    await rememberBooklet(options.cache, bookletKey, report, diagnostics.slice(pipelineDiagnostics), written)
  }
  return report
}

/**
 * The booklet in two documents of about equal length (by the articles' manuscript text, `files` in
 * the order of `parts.articles`), when it is long enough to gain by it and there are two cores;
 * `twoTabs` true: whenever it has two articles.
 */
function splitPlan(parts: BookletParts, files: VFile[], twoTabs: boolean | undefined): SplitPlan | undefined {
  if (twoTabs === false || (twoTabs === undefined && availableParallelism() < 2)) return undefined
  const at = splitPoint(files.map((file) => String(file.value).length), twoTabs ? 0 : MIN_SPLIT_CHARS)
  if (at === undefined) return undefined
  const [first, second] = splitDocuments(parts, at).map(documentToHtml)
  return { first: first!, second: second!, nextId: NEXT_ARTICLE_ID }
}

/** How a warm page tells which articles changed since its last layout, and lays one out alone. */
function articlePlan(parts: BookletParts, ids: string[]): ArticlePlan {
  return {
    frameKey: contentKey(JSON.stringify(parts.htmlProperties), piecesToHtml([parts.head, ...parts.front])),
    ids,
    keys: parts.articles.map((nodes) => contentKey(piecesToHtml(nodes))),
    frameDocument: () => documentToHtml(articleFrameDocument(parts)),
    mainOf: (index) => articleMain(parts, index),
    nextId: NEXT_ARTICLE_ID,
  }
}

function layoutReport(rendered: RenderResult, outlines: ArticleOutline[], files: string[]) {
  const start = rendered.bodyStartPage
  const folioOf = (page: number) => rendered.folios[page] ?? null
  return {
    pageCount: rendered.pages.length,
    bodyStartPage: start,
    pages: rendered.pages.map((p) => ({
      index: p.index,
      side: p.side,
      blank: p.blank,
      folio: folioOf(p.index),
      ...(p.spread ? { spread: p.spread } : {}),
    })),
    articles: outlines.map((o, i) => ({
      id: o.id,
      file: files[i] ?? '',
      title: o.title,
      page: rendered.targets[o.id] ?? -1,
      folio: folioOf(rendered.targets[o.id] ?? -1),
      headings: o.headings.map((x) => ({
        id: x.id,
        level: x.level,
        text: x.text,
        page: rendered.targets[x.id] ?? -1,
        folio: folioOf(rendered.targets[x.id] ?? -1),
      })),
    })),
  }
}

function bookmarks(outlines: ArticleOutline[], targets: Record<string, number>): Bookmark[] {
  return outlines.map((o) => ({
    title: o.title,
    page: targets[o.id] ?? 0,
    children: o.headings.filter((x) => x.level === 1).map((x) => ({ title: x.text, page: targets[x.id] ?? 0 })),
  }))
}

/**
 * PDF dates come from the manuscript, never from the clock, so that the same manuscript gives
 * the same bytes: SOURCE_DATE_EPOCH if set, else booklet.yaml's date, else 2000-01-01.
 */
function fixedDate(configDate: string | undefined): Date {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH)
  if (Number.isFinite(epoch) && epoch > 0) return new Date(epoch * 1000)
  const parts = configDate ? parseDate(configDate) : undefined
  if (parts) return new Date(Date.UTC(parts.year, (parts.month ?? 1) - 1, parts.day ?? 1))
  return new Date(Date.UTC(2000, 0, 1))
}

/** An image URL as written in the manuscript and as the page has it (percent-encoded or not). */
function sameUrl(a: string, b: string): boolean {
  const decoded = (url: string) => {
    try {
      return decodeURI(url)
    } catch {
      return url
    }
  }
  return decoded(a) === decoded(b)
}

/** What the preflight must find of each article laid out as an official document (GB/T 9704). */
function officialPreflight(processed: { tree: HastRoot; file: VFile }[], defaults: Official, grid: Grid): { articles: OfficialExpectation[]; typeAreaBottomMm: number; lineMm: number } {
  const lineMm = (grid.lhPt * 25.4) / 72
  return {
    articles: processed.flatMap(({ tree, file }) => officialExpectation(tree, officialOf(defaults, file.data.matter ?? {}), grid.marginTopMm) ?? []),
    typeAreaBottomMm: grid.marginTopMm + grid.lpp * lineMm,
    lineMm,
  }
}
