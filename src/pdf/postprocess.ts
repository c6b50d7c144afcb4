/**
 * Works on the PDF bytes Chromium printed: exact page boxes, document metadata and language,
 * and bookmarks (the outline) pointing at the pages where articles and headings are printed.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject, type PDFRef } from 'pdf-lib'
import { setPageDigests } from './page-changes.ts'
import { LOAD_OPTIONS, SAVE_OPTIONS } from './pdf-lib-options.ts'

export interface Bookmark {
  title: string
  /** 0-based physical page index */
  page: number
  children?: Bookmark[]
}

export interface PostprocessInput {
  pdf: Uint8Array
  /** Exact trim size in points (Chromium writes 420 × 594.96 for A5). */
  pageSize: { width: number; height: number }
  title: string
  author?: string | undefined
  subject?: string | undefined
  /** Fixed dates keep the output reproducible. */
  date: Date
  bookmarks: Bookmark[]
  /** Per-page digests of the printed text, for telling the next build which pages changed. */
  pageDigests?: string[]
}

/** The finished PDF, and the document it was written from (the preflight reads its fonts: no second parse). */
export async function postprocessPdf(input: PostprocessInput): Promise<{ pdf: Uint8Array; document: PDFDocument }> {
  const doc = await PDFDocument.load(input.pdf, LOAD_OPTIONS)
  const { width, height } = input.pageSize
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, width, height)
    page.setCropBox(0, 0, width, height)
    page.setTrimBox(0, 0, width, height)
    page.setBleedBox(0, 0, width, height)
  }
  doc.setTitle(input.title, { showInWindowTitleBar: true })
  if (input.author) doc.setAuthor(input.author)
  if (input.subject) doc.setSubject(input.subject)
  doc.setLanguage('zh-CN')
  doc.setCreator('booklet')
  doc.setProducer('booklet (Paged.js, Chromium, pdf-lib)')
  doc.setCreationDate(input.date)
  doc.setModificationDate(input.date)
  if (input.bookmarks.length > 0) addOutline(doc, input.bookmarks)
  if (input.pageDigests) setPageDigests(doc, input.pageDigests)
  stabiliseStructureIds(doc)
  return { pdf: await doc.save(SAVE_OPTIONS), document: doc }
}

/** Builds /Outlines with one item per bookmark, each a /Dest [page /XYZ null null null]. */
function addOutline(doc: PDFDocument, bookmarks: Bookmark[]): void {
  const context = doc.context
  const pages = doc.getPages()
  const outlinesRef = context.nextRef()

  const build = (items: Bookmark[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef())
    let count = 0
    items.forEach((item, i) => {
      const page = pages[Math.max(0, Math.min(item.page, pages.length - 1))]!
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(item.title),
        Parent: parentRef,
        Dest: context.obj([page.ref, PDFName.of('XYZ'), null, null, null]),
      }
      if (i > 0) dict.Prev = refs[i - 1]
      if (i < items.length - 1) dict.Next = refs[i + 1]
      count += 1
      if (item.children?.length) {
        const sub = build(item.children, refs[i]!)
        dict.First = sub.first
        dict.Last = sub.last
        // Negative: articles open with their headings folded; the reader expands them.
        dict.Count = PDFNumber.of(-sub.count)
      }
      context.assign(refs[i]!, context.obj(dict as never))
    })
    return { first: refs[0]!, last: refs[refs.length - 1]!, count }
  }

  const top = build(bookmarks, outlinesRef)
  context.assign(
    outlinesRef,
    context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }),
  )
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/**
 * Chromium's tagged PDF names table header cells by the renderer's DOM node ids
 * (`(node00001125)`), which differ from run to run. They are renamed in their sorted order, so
 * the same document gives the same bytes; the name tree (/IDTree) stays sorted and the
 * /Headers references keep pointing at the same cells.
 */
function stabiliseStructureIds(doc: PDFDocument): void {
  const isNodeId = (object: PDFObject | undefined): object is PDFString => object instanceof PDFString && /^node\d+$/.test(object.asString())
  const containers: (PDFDict | PDFArray)[] = []
  const ids = new Set<string>()
  const collect = (object: PDFObject | undefined): void => {
    if (object instanceof PDFDict) {
      containers.push(object)
      for (const [, value] of object.entries()) collect(value)
    } else if (object instanceof PDFArray) {
      containers.push(object)
      for (const value of object.asArray()) collect(value)
    } else if (isNodeId(object)) ids.add(object.asString())
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) collect(object)
  if (ids.size === 0) return
  const renamed = new Map([...ids].sort().map((id, i) => [id, PDFString.of(`id${String(i + 1).padStart(6, '0')}`)]))
  for (const container of containers) {
    if (container instanceof PDFDict) {
      for (const [key, value] of container.entries()) if (isNodeId(value)) container.set(key, renamed.get(value.asString())!)
    } else {
      container.asArray().forEach((value, i) => {
        if (isNodeId(value)) container.set(i, renamed.get(value.asString())!)
      })
    }
  }
}
