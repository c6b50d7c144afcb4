/*
 * Runs inside the page, before paged.polyfill.js is added (PagedConfig.auto = false): prepare()
 * needs only the document; paginate() needs Paged.js.
 * Plain browser JavaScript: it is injected as a script, not bundled.
 */
;(() => {
  /**
   * Paged.js justifies the last line of a paragraph fragment that continues on the next page
   * (`data-align-last-split-element="justify"`). When a paragraph ends exactly on the last line
   * of a page, Paged.js still splits it and leaves an empty continuation, so the paragraph's real
   * last line is justified and its few characters spread over the whole measure
   * ("的　　坚　　定　　。"). This un-justifies such fragments and drops the empty rest.
   */
  function mendSplitsAtParagraphEnd(pagesArea) {
    let mended = 0
    // Continuations by data-ref, found in one pass (a query per fragment is quadratic).
    const continuations = new Map()
    for (const rest of pagesArea.querySelectorAll('[data-split-from]')) {
      const ref = rest.getAttribute('data-ref')
      if (ref && !continuations.has(ref)) continuations.set(ref, rest)
    }
    for (const fragment of pagesArea.querySelectorAll('[data-split-to]')) {
      const ref = fragment.getAttribute('data-ref')
      const rest = ref ? continuations.get(ref) : null
      if (!rest || rest.textContent.trim() !== '' || rest.querySelector('img, svg, table')) continue
      for (const node of [fragment, ...fragment.querySelectorAll('[data-align-last-split-element]')]) {
        if (node.getAttribute('data-align-last-split-element') === 'justify') {
          node.setAttribute('data-align-last-split-element', 'auto')
        }
      }
      rest.remove()
      mended++
    }
    return mended
  }

  /**
   * Loads, before any page is laid out, the faces the text will be drawn with: a face that
   * arrives during layout changes line heights after Paged.js has measured them (a page one
   * line short). The content is still hidden (display: none), so nothing is laid out yet; each
   * run of text is loaded in the font its element computes to, and unicode-range faces load only
   * the slices its characters fall in — a title's few characters in 小标宋, not the whole booklet.
   * Down a font stack, a family gets only the characters the families before it lack
   * (`fonts.lacking`, from their character maps): Chromium draws each character with the first
   * family that has it, so the 仿宋 text does not fetch the Noto Serif SC slices behind FandolFang
   * (document.fonts.load would fetch every family's). `fonts.shorthands` are the roles' faces
   * ('700 16px "Noto Serif SC"'); those that failed to load are returned.
   */
  async function loadFonts(fonts, roots = [document.body]) {
    const texts = new Map()
    let last = null
    let lastKey = ''
    for (const root of roots) for (let walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement
      if (!element || /^(STYLE|SCRIPT|TEMPLATE)$/.test(element.tagName) || !/\S/.test(node.data)) continue
      if (element !== last) {
        const style = getComputedStyle(element)
        lastKey = `${style.fontStyle} ${style.fontWeight} 16px ${style.fontFamily}`
        last = element
        // A 着重号 drawn as a character ("⚫") comes from a font too.
        const mark = /^"(.+)"$/.exec(style.textEmphasisStyle)?.[1]
        if (mark) texts.set(lastKey, (texts.get(lastKey) ?? '') + mark)
      }
      texts.set(lastKey, (texts.get(lastKey) ?? '') + node.data)
    }
    // What is written into the pages later, in each role's face: page numbers, 目录 numbers and leaders.
    const added = '— 0123456789 —·目录'
    for (const font of fonts.shorthands) texts.set(font, (texts.get(font) ?? '') + added)
    const unquoted = (family) => family.trim().replace(/^["']|["']$/g, '')
    const declared = new Set([...document.fonts].map((face) => unquoted(face.family)))
    // Faces of one whole file (FandolFang 7.7 MB, FandolKai 9.8 MB) take longest to arrive: asked
    // for first, they are not queued behind dozens of slices (Chromium opens six connections to
    // the page's server), which made them arrive 0.15 s after the last slice.
    const whole = new Set([...document.fonts].filter((face) => /^U\+0-10FFFF$/i.test(face.unicodeRange)).map((face) => unquoted(face.family)))
    const load = (failed) => {
      const loads = []
      for (const [font, text] of texts) {
        // 'normal 400 16px "Booklet Latin", …' or a role's '700 16px "Noto Serif SC"'
        const stack = /^(.*?16px) (.*)$/.exec(font)
        let remaining = [...new Set(text)].join('')
        for (const family of stack[2].split(',').map(unquoted)) {
          if (!remaining) break
          // A system font (used where installed) or a generic family: nothing to fetch.
          if (!declared.has(family)) continue
          loads.push({ first: whole.has(family), font: `${stack[1]} "${family}"`, text: remaining })
          const lacks = fonts.lacking[family]
          if (lacks !== undefined && !failed.has(family)) remaining = [...remaining].filter((char) => lacks.includes(char)).join('')
        }
      }
      loads.sort((a, b) => Number(b.first) - Number(a.first))
      return Promise.all(loads.map(({ font, text }) => document.fonts.load(font, text).catch(() => [])))
    }
    const failedFamilies = () => new Set([...document.fonts].filter((face) => face.status === 'error').map((face) => unquoted(face.family)))
    await load(new Set())
    // A bundled face that could not be loaded: Chromium goes on down the stack for all its text.
    const failed = failedFamilies()
    if ([...failed].some((family) => family in fonts.lacking)) await load(failed)
    await document.fonts.ready
    const missing = failedFamilies()
    return fonts.shorthands.filter((font) => missing.has(font.slice(font.indexOf('"') + 1, -1)))
  }

  /**
   * Paged.js adds each page to one container and measures it at once, and Chromium then lays out
   * that container with every page already in it: each page cost more than the one before (a
   * bare 600-page document: 5 ms a page at the start, 20 at the end). Pages two behind the one
   * being laid out are finished — Paged.js only reads their text from then on — so they are
   * taken out of the document until the end, their resize listeners off first: a page taken
   * out must not look to Paged.js like content that shrank (an underflow to lay out again).
   * Out of the document rather than display: none, which still cost each page a little more
   * than the one before (215 pages: flow 1.6 → 1.4 s). When Paged.js is done, all pages come
   * together in one fragment for the last touches (all()) and go back at once (end()).
   */
  function setFinishedPagesAside() {
    const recent = []
    const aside = []
    const area = () => document.querySelector('.pagedjs_pages')
    class SetAside extends window.Paged.Handler {
      afterPageLayout(pageElement, page) {
        // Pages set again (balanceSpreads) are gone from Paged.js's list.
        for (let i = recent.length - 1; i >= 0; i--) if (!recent[i].element) recent.splice(i, 1)
        recent.push(page)
        if (recent.length < 3) return
        const finished = recent.shift()
        if (!finished.element) return
        finished.removeListeners()
        aside.push(finished.element)
        finished.element.remove()
      }
    }
    window.Paged.registerHandlers(SetAside)
    return {
      /** Every page, in order, in a fragment out of the document. */
      all() {
        const pages = document.createDocumentFragment()
        pages.append(...aside.splice(0), ...area().querySelectorAll(':scope > .pagedjs_page'))
        aside.push(pages)
        return pages
      },
      end() {
        // One insertion (a fragment): the pages before those still in place.
        const pages = document.createDocumentFragment()
        pages.append(...aside.splice(0))
        area()?.prepend(pages)
      },
    }
  }

  /** The top of the character at `offset` of a text node as laid out, or undefined. */
  function characterTop(node, offset) {
    const range = document.createRange()
    range.setStart(node, offset)
    range.setEnd(node, offset + 1)
    return range.getClientRects()[0]?.top
  }

  /** Whether no text of `element` was laid out before the page break at `overflow`. */
  function nothingLaidOut(element, overflow) {
    const range = document.createRange()
    range.setStart(element, 0)
    range.setEnd(overflow.startContainer, overflow.startOffset)
    return range.toString().trim() === ''
  }

  /**
   * Where Paged.js breaks a page, what must not be parted is moved over together. A heading goes
   * with the text it heads (LC-11), a table's header row with its first row. In an official
   * document (GB/T 9704) the 落款 (signature, date, 附注: `.closing`) is never cut by a page
   * break and takes the last line of the text before it along (7.3.5); the 版记 (`.colophon`, 7.4)
   * is set on an even page — the back of the last leaf — whole: reached on an odd page, or not
   * fitting on an even one, it goes to the next even page (Paged.js adds the blank page between,
   * break-before: left). A letter's 版记 only goes whole to the foot of its last page. Where it
   * lands, placeOfficialParts() moves it to the foot of the type area.
   */
  function keepTogetherAtBreaks() {
    class KeepTogether extends window.Paged.Handler {
      constructor(chunker, polisher, caller) {
        super(chunker, polisher, caller)
        this.chunker = chunker
      }
      layoutNode(node) {
        if (!isOfficialColophon(node)) return
        // chunker.total is the number of the page being laid out. Paged.js reaches nodes past
        // the end of a page before it measures, so the last call is the one that counts.
        if (this.chunker.total % 2 === 1) node.dataset.breakBefore = 'left'
        else delete node.dataset.breakBefore
      }
      onOverflow(overflow, rendered) {
        if (!overflow) return undefined
        const start = overflow.startContainer
        const at = start.nodeType === 1 ? (start.childNodes[overflow.startOffset] ?? start) : start.parentElement
        const heading = headingLeftAlone(overflow, at, rendered) ?? withTableLeads(tableHeaderLeftAlone(overflow, at, rendered) ?? tableGoneOver(overflow, at, rendered), rendered)
        if (heading) {
          const range = document.createRange()
          range.setStartBefore(heading)
          range.setEnd(overflow.endContainer, overflow.endOffset)
          // The heading over a table's title goes with them (LC-11).
          const over = heading.classList.contains('table-lead') ? headingLeftAlone(range, heading, rendered) : null
          if (over) range.setStartBefore(over)
          return range
        }
        const unit = (at && at.nodeType === 1 ? at : at?.parentElement)?.closest('.closing, .colophon, .doc-attendance')
        // Only when something comes before it on this page: a unit taller than a page is cut.
        if (!unit || !rendered.contains(unit) || !contentBefore(unit, rendered)) return loneLineAtBreak(overflow, rendered) ?? undefined
        const range = document.createRange()
        range.setStartBefore(unit)
        // A 落款 takes the last line of the text before it along (never a page of its own): the
        // last line of a longer paragraph, or a one-line paragraph whole.
        const before = unit.classList.contains('closing') ? textBefore(unit) : null
        if (before?.tagName === 'TABLE') {
          // After a table: its last row goes along (the table's header is repeated over it).
          const rows = before.querySelectorAll('tbody > tr')
          if (rows.length > 1) range.setStartBefore(rows[rows.length - 1])
        } else if (before) {
          const lastLine = lastLineStart(before)
          if (lastLine) range.setStart(lastLine.node, lastLine.offset)
          else if (contentBefore(before, rendered)) range.setStartBefore(before)
        }
        range.setEnd(overflow.endContainer, overflow.endOffset)
        return range
      }
      onBreakToken(token) {
        const node = token?.node
        if (isOfficialColophon(node)) node.dataset.breakBefore = 'left'
      }
    }
    window.Paged.registerHandlers(KeepTogether)
  }

  /**
   * The 版记 of an article laid out as an official document (gongwen-a4: its class names its
   * format), which goes on an even page; a letter's (信函, 10.1) goes at the foot of the last page.
   */
  function isOfficialColophon(node) {
    return node?.nodeType === 1 && node.classList.contains('colophon') && !node.classList.contains('colophon-letter') && /\bformat-/.test(node.parentElement?.className ?? '')
  }

  /**
   * Where the last line of a laid-out paragraph begins (a text node and offset), when it has
   * more than one line on this page; null otherwise.
   */
  function lastLineStart(paragraph) {
    if (!paragraph || paragraph.tagName !== 'P') return null
    const texts = textNodesOf(paragraph)
    const last = texts.at(-1)
    return last ? lineStartBefore(texts, last, last.data.length) : null
  }

  function textNodesOf(element) {
    const texts = []
    for (let walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.length) texts.push(node)
    return texts
  }

  /**
   * Where the line holding the character before (node, offset) begins, among a block's text
   * nodes `texts`; null when that line is the block's first.
   */
  function lineStartBefore(texts, node, offset) {
    const first = texts[0]
    const end = texts.indexOf(node)
    if (!first || end < 0 || offset < 1) return null
    const lineTop = characterTop(node, offset - 1)
    if (lineTop === undefined || Math.abs(characterTop(first, 0) - lineTop) < 1) return null
    // Back from there, the first character on a line above.
    for (let t = end; t >= 0; t--) {
      const text = texts[t]
      for (let i = (t === end ? offset : text.data.length) - 1; i >= 0; i--) {
        const top = characterTop(text, i)
        if (top !== undefined && lineTop - top >= 1) return i + 1 < text.data.length ? { node: text, offset: i + 1 } : texts[t + 1] ? { node: texts[t + 1], offset: 0 } : null
      }
    }
    return null
  }

  /** How many lines a range of laid-out text covers (its boxes' distinct tops). */
  function lineCount(range) {
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
  }

  /**
   * LC-11 (issue 19): Paged.js breaks a paragraph at the first line that does not fit, whatever
   * CSS orphans and widows say: the paragraph's last line went alone to the next page, or its
   * first stayed alone at the foot. A break inside a paragraph that leaves one line after it
   * takes one more line along (two never part with fewer than two); one that leaves one line
   * before it takes the whole paragraph. Returns the range to move, or null.
   */
  function loneLineAtBreak(overflow, rendered) {
    const start = overflow.startContainer
    if (start.nodeType !== 3) return null
    const paragraph = start.parentElement?.closest('p')
    if (!paragraph || !rendered.contains(paragraph) || getComputedStyle(paragraph).display !== 'block') return null
    const before = document.createRange()
    before.setStart(paragraph, 0)
    before.setEnd(start, overflow.startOffset)
    const after = document.createRange()
    after.setStart(start, overflow.startOffset)
    after.setEnd(paragraph, paragraph.childNodes.length)
    const [linesBefore, linesAfter] = [lineCount(before), lineCount(after)]
    if (linesBefore === 0 || linesAfter === 0) return null
    const range = document.createRange()
    range.setEnd(overflow.endContainer, overflow.endOffset)
    if (linesAfter === 1 && linesBefore >= 3) {
      const line = lineStartBefore(textNodesOf(paragraph), start, overflow.startOffset)
      if (!line) return null
      range.setStart(line.node, line.offset)
      return range
    }
    if ((linesBefore === 1 || (linesAfter === 1 && linesBefore === 2)) && contentBefore(paragraph, rendered) && !paragraph.dataset.splitFrom) {
      range.setStartBefore(paragraph)
      // The heading over the paragraph goes with it (LC-11: never the last line of a page).
      const heading = headingLeftAlone(range, paragraph, rendered)
      if (heading) range.setStartBefore(heading)
      return range
    }
    return null
  }

  function textBefore(element) {
    let node = element.previousElementSibling
    for (let up = element.parentElement; !node && up && !up.classList.contains('article-body'); up = up.parentElement) node = up.previousElementSibling
    while (node && !/^(P|H[1-6]|TABLE|UL|OL|FIGURE)$/.test(node.tagName) && node.lastElementChild) node = node.lastElementChild
    return (node?.tagName === 'P' && node.textContent.trim()) || node?.tagName === 'TABLE' ? node : null
  }

  /**
   * LC-11: a heading whose text would begin on the next page, none of it on this one, goes over
   * with it. Paged.js keeps a heading with what follows (break-after: avoid) only when that starts
   * below the page; a paragraph that starts on the page with no line room left is cut before its
   * first line instead, and the heading stayed behind at the foot.
   */
  function headingLeftAlone(overflow, at, rendered) {
    const nothingOf = (element) => nothingLaidOut(element, overflow)
    // From where the page breaks up through the sections it opens: the nearest heading before.
    let heading = null
    for (let node = at?.nodeType === 1 ? at : at?.parentElement; node && node !== rendered && rendered.contains(node); node = node.parentElement) {
      let before = node.previousElementSibling
      while (before && !before.textContent.trim()) before = before.previousElementSibling
      if (before && !nothingOf(node)) return null
      if (!before) continue
      if (!/^H[2-6]$/.test(before.tagName) || before.classList.contains('run-in')) return null
      heading = before
      break
    }
    if (!heading) return null
    // A heading that opens its section goes with the heading above it (二、 over （一） over the text).
    for (let up = heading; up.parentElement && up.parentElement !== rendered; ) {
      const section = up.parentElement
      if (section.firstElementChild !== up || section.tagName !== 'SECTION') break
      let above = section.previousElementSibling
      while (above && !above.textContent.trim()) above = above.previousElementSibling
      if (!above || !/^H[2-6]$/.test(above.tagName) || above.classList.contains('run-in')) break
      heading = above
      up = above
    }
    return contentBefore(heading, rendered) ? heading : null
  }

  /**
   * Issue 19: a table does not start at a page foot with its header row alone: when its first
   * body row goes to the next page, the table goes whole (its header is repeated there anyway).
   */
  function tableHeaderLeftAlone(overflow, at, rendered) {
    const element = at?.nodeType === 1 ? at : at?.parentElement
    // The break falls before the body (the table, offset of its tbody) or before a row.
    const row = element?.tagName === 'TBODY' ? element.querySelector(':scope > tr') : element?.closest('tbody > tr')
    const table = row?.closest('table')
    if (!table || !rendered.contains(table) || row !== table.querySelector('tbody > tr')) return null
    if (!nothingLaidOut(row, overflow)) return null
    // Whatever heads the table (a heading, a caption line) is for Paged.js and LC-11 to keep with it.
    return contentBefore(table, rendered) ? table : null
  }

  /** A table that goes over to the next page whole, nothing of it laid out here: Paged.js breaks before it. */
  function tableGoneOver(overflow, at, rendered) {
    const table = at?.nodeType === 1 && at.tagName === 'TABLE' ? at : null
    return table && rendered.contains(table) && nothingLaidOut(table, overflow) ? table : null
  }

  /**
   * Issue 19: a table's title and unit lines (`.table-lead`, rehype/table-captions.ts) go to the
   * next page with it: the first of them, where anything comes before it on this page, for the
   * table; else the table (or nothing).
   */
  function withTableLeads(table, rendered) {
    if (!table) return null
    let first = table
    for (let before = first.previousElementSibling; before?.classList.contains('table-lead'); before = before.previousElementSibling) first = before
    if (first === table) return contentBefore(table, rendered) ? table : null
    return contentBefore(first, rendered) ? first : null
  }

  /** Whether anything was laid out before `element` on its page (an earlier sibling on its way up). */
  function contentBefore(element, rendered) {
    for (let node = element; node && node !== rendered; node = node.parentElement) if (node.previousElementSibling) return true
    return false
  }

  /**
   * LC-16 (issue 19): facing pages end on the same grid line, unless an article or a section
   * ends there. Keeping headings, first lines and last lines together leaves a page a line or
   * two short, and on a spread one page then stands higher than the other. As a typesetter
   * would, the spread is set again: one of its paragraphs a line longer (伸行: each of its lines
   * gives up a character to a little more letter-spacing) or a line shorter (缩行: each takes
   * one more), tried in turn, the likeliest first; else both pages a line short; where nothing
   * balances it, the spread is set as it first was and the preflight names it. Spreads with what
   * is not on the line grid (tables, pictures, official parts) are left as they are. Paged.js's
   * layout loop calls afterPage() after each page (pagedjs-patched.ts); its answer, a page and
   * the break token it began at, sets the pages from there again.
   */
  function balanceSpreads() {
    const root = getComputedStyle(document.documentElement)
    // The preset says whether its spreads are balanced (grid.css: gongwen-a4 keeps GB/T 9704's grid instead).
    if (root.getPropertyValue('--balance-spreads').trim() !== '1') return
    const px = (value) => (parseFloat(value) * (value.trim().endsWith('mm') ? 96 / 25.4 : value.trim().endsWith('pt') ? 96 / 72 : 1))
    const lineHeight = px(root.getPropertyValue('--lh'))
    const linesPerPage = parseInt(root.getPropertyValue('--lpp'), 10)
    const charactersPerLine = parseInt(root.getPropertyValue('--cpl'), 10)
    const offGrid = 'table, figure, img, svg, pre, hr, .toc, .cover, .doc-head, .closing, .colophon, .doc-attendance'
    const starts = new Map()
    let trial = null
    const caps = new Map()

    /** Where the page's last line of text stands (the middle of its text, below the area's top); null for none. */
    function lastLine(page) {
      const area = page.area
      if (!area) return null
      const top = area.getBoundingClientRect().top
      const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT)
      let last = null
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim()) last = node
      if (!last) return null
      const range = document.createRange()
      range.selectNodeContents(last)
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0)
      const rect = rects.at(-1)
      return rect ? rect.top + rect.height / 2 - top : null
    }

    /**
     * What the content from `token` on begins with: `end` (nothing), `section` (a heading, a
     * run-in heading or the first text of an article), `block` (a table, with its title lines,
     * or a picture: off the grid) or `text` (the text of a paragraph going on or a new
     * paragraph). Paged.js may resume at the white space between two blocks: the first printed
     * thing after it counts.
     */
    function comesNext(token, content) {
      const node = token?.node
      if (!node) return 'end'
      if (node.nodeType === 3 && token.offset > 0 && node.data.slice(0, token.offset).trim()) return 'text'
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
      walker.currentNode = node
      let text = null
      for (let at = node; at; at = walker.nextNode()) {
        if (at.nodeType === 1 && /^(TABLE|FIGURE|IMG|SVG)$/.test(at.tagName)) return 'block'
        if (at.nodeType === 3 && at.data.slice(at === node ? token.offset || 0 : 0).trim()) {
          text = at
          break
        }
      }
      if (!text) return 'end'
      const element = text.parentElement
      // An attachment (附件) opens with its label and title.
      if (element.closest('h1, h2, h3, h4, h5, h6, .run-in, .article-header, .attachment-label, .attachment-title')) return 'section'
      // A table's title or unit line: the table comes with it.
      if (element.closest('.table-lead')) return 'block'
      const block = element.closest('p, li, dd, blockquote, article')
      const before = document.createRange()
      before.setStart(block ?? element, 0)
      before.setEnd(text, 0)
      if (before.toString().trim()) return 'text'
      const article = element.closest('article')
      if (article && block !== article) {
        before.setStart(article, 0)
        if (!before.toString().trim()) return 'section'
      }
      return block?.classList.contains('has-run-in') ? 'section' : 'text'
    }

    function onGrid(page) {
      const element = page.element
      return element && !element.classList.contains('pagedjs_blank_page') && !element.classList.contains('pagedjs_named_page') && !page.area.querySelector(offGrid)
    }

    /**
     * The paragraphs whose last line is on `pages` (`next`: the break token after them), with
     * what is needed to set them a line longer or shorter: their source element, the page they
     * end on (`alone`: all of it is there), their lines on the spread and the width of their last
     * line (in em of its size).
     */
    function paragraphsEndingOn(pages, content, next) {
      // A paragraph's parts on the spread, by its data-ref: one going on from the left page to the right counts once.
      const parts = new Map()
      for (const page of pages) {
        for (const fragment of page.area.querySelectorAll('.article-body p[data-ref]')) {
          if (fragment.closest('li, blockquote, td')) continue
          const ref = fragment.dataset.ref
          parts.set(ref, [...(parts.get(ref) ?? []), { page, fragment }])
        }
      }
      const found = []
      for (const [ref, fragments] of parts) {
        const source = content.querySelector(`[data-ref="${CSS.escape(ref)}"]`)
        if (!source || goesOn(source, pages, next) || source.classList.contains('tightened') || source.classList.contains('loosened')) continue
        const { page, fragment } = fragments.at(-1)
        const texts = textNodesOf(fragment)
        const lastText = texts.at(-1)
        if (!lastText) continue
        const line = lineStartBefore(texts, lastText, lastText.data.length) ?? { node: texts[0], offset: 0 }
        const tail = document.createRange()
        tail.setStart(line.node, line.offset)
        tail.setEnd(lastText, lastText.data.length)
        const lines = fragments.reduce((sum, { fragment }) => {
          const whole = document.createRange()
          whole.selectNodeContents(fragment)
          return sum + lineCount(whole)
        }, 0)
        const alone = fragments.every((part) => part.page === page)
        found.push({ page, alone, source, lines, lastEm: tail.getBoundingClientRect().width / parseFloat(getComputedStyle(fragment).fontSize) })
      }
      return found
    }

    /**
     * 伸行: paragraphs that a little more letter-spacing (.loosened: each line gives up one
     * character) sets a line longer — their last line nearly full, so that at least two
     * characters go on to a new line. On the short page (the break after it stays where it is),
     * or on the left page when the right one is short (the right page takes one more line from
     * it); the short page's first, then the fullest last lines.
     */
    function loosenable(paragraphs, pages) {
      return paragraphs
        .filter((p) => pages.includes(p.page) && p.lines - 1 + p.lastEm >= charactersPerLine + 2)
        .sort((a, b) => pages.indexOf(a.page) - pages.indexOf(b.page) || b.lastEm - a.lastEm)
        .map((p) => p.source)
    }

    /**
     * 缩行: paragraphs that a little less letter-spacing (.tightened: each line takes one character
     * more) sets a line shorter: the lines above the last take its characters in (its closing
     * mark may hang in a line's compressed end). Most room to spare first.
     */
    function tightenable(paragraphs) {
      return paragraphs
        .map((p) => ({ source: p.source, spare: p.lines - 1 - p.lastEm }))
        .filter((p) => p.spare >= 0)
        .sort((a, b) => b.spare - a.spare)
        .map((p) => p.source)
    }

    /**
     * Whether the paragraphs set again (`sources`) still end on the spread, in a last line of at
     * least two characters (LC-10): one pushed on to the next page, or ending in one character
     * there, is no way to balance it.
     */
    function endWell(sources, pages, next) {
      return sources.every((source) => {
        const fragments = pages.flatMap((page) => [...page.area.querySelectorAll(`[data-ref="${CSS.escape(source.dataset.ref)}"]`)])
        const last = fragments.at(-1)
        if (!last || goesOn(source, pages, next)) return false
        const texts = textNodesOf(last)
        const lastText = texts.at(-1)
        const line = lastText && lineStartBefore(texts, lastText, lastText.data.length)
        if (!line) return true
        const tail = document.createRange()
        tail.setStart(line.node, line.offset)
        tail.setEnd(lastText, lastText.data.length)
        return (tail.toString().match(/\p{Script=Han}/gu) ?? []).length >= 2
      })
    }

    /** Whether a paragraph goes on past `pages`: the layout resumes inside it (`next`, the break token after them). */
    function goesOn(source, pages, next) {
      return Boolean(next?.node && source.contains(next.node) && !(next.node === source && !next.offset))
    }

    /** A way of setting the spread again: paragraphs with a class, or both pages a line short. */
    function apply(step, on) {
      for (const source of step.paragraphs ?? []) source.classList.toggle(step.className, on)
      if (step.cap && !on) caps.clear()
    }

    class CapLines extends window.Paged.Handler {
      beforePageLayout(page, contents, breakToken, chunker) {
        const cap = caps.get(chunker.pages.indexOf(page))
        if (cap && page.area) page.area.style.height = `${page.area.getBoundingClientRect().height - cap * lineHeight}px`
      }
    }
    window.Paged.registerHandlers(CapLines)

    /**
     * The right page of each spread that must end level says how it ends (`data-spread`), for the
     * preflight: `even` on the same line as the left page, `balanced` so once set again, `uneven`
     * where no setting balanced it. A spread on which an article or section ends, or with what
     * is off the grid, is not marked (nor is the first page of a part laid out alone).
     */
    const mark = (page, state) => {
      page.element.dataset.spread = state
      return null
    }

    window.__bookletSpreads = {
      afterPage(chunker, page, startToken, endToken, content) {
        const index = chunker.pages.indexOf(page)
        starts.set(index, startToken)
        if (index < 2 || index % 2 !== 0 || !page.element) return null
        const left = chunker.pages[index - 1]
        // The spread set again from its left page, or from its right page where what changes
        // is all there and the left page is as first set.
        const rewind = (fromLeft) => (fromLeft ? { page: left, token: starts.get(index - 1) } : { page, token: starts.get(index) })
        const ends = [lastLine(left), lastLine(page)]
        const even = ends[0] !== null && ends[1] !== null && Math.abs(ends[0] - ends[1]) < 1
        if (trial?.index === index) {
          const step = trial.steps[trial.at]
          if (trial.restoring) {
            trial = null
            return mark(page, 'uneven')
          }
          if (even && endWell(step.paragraphs ?? [], [left, page], endToken)) {
            trial = null
            caps.clear()
            return mark(page, 'balanced')
          }
          apply(step, false)
        } else {
          trial = null
          // Where an article or section ends, or off the grid, a spread may end where it ends: not marked.
          if (ends.includes(null) || !onGrid(left) || !onGrid(page)) return null
          if ([starts.get(index), endToken].some((token) => comesNext(token, content) !== 'text')) return null
          if (even) return mark(page, 'even')
          // In lines of the grid; text off it (a title block not a whole number of lines high) cannot end level.
          const short = (Math.max(...ends) - Math.min(...ends)) / lineHeight
          if (Math.abs(short - Math.round(short)) > 0.05) return null
          const shorter = Math.floor(Math.min(...ends) / lineHeight)
          const paragraphs = paragraphsEndingOn([left, page], content, endToken)
          const longer = loosenable(paragraphs, ends[0] < ends[1] ? [left] : [page, left])
          const lines = Math.round(short)
          const tighter = tightenable(paragraphs)
          const loosen = (...sources) => sources.every(Boolean) && { paragraphs: sources, className: 'loosened' }
          const tighten = (...sources) => sources.every(Boolean) && { paragraphs: sources, className: 'tightened' }
          // The likeliest first, in turn: one paragraph a line longer (nothing else moves), one a
          // line shorter, two a line shorter (the paragraph after the break may need three lines
          // to begin at a page's foot); two lines short: two paragraphs longer, or one or two
          // shorter. Then both pages a line short, only where the shorter page is one line short
          // of the type area. At most six tries.
          const steps = (
            lines === 1
              ? [loosen(longer[0]), tighten(tighter[0]), loosen(longer[1]), tighten(tighter[1]), loosen(longer[2]), tighten(tighter[0], tighter[1])]
              : lines === 2
                ? [loosen(longer[0], longer[1]), tighten(tighter[0]), tighten(tighter[0], tighter[1]), tighten(tighter[1]), loosen(longer[0], longer[2])]
                : []
          ).filter(Boolean)
          if (lines === 1 && shorter === linesPerPage - 2) steps.push({ cap: 1 })
          steps.splice(6)
          if (steps.length === 0) return mark(page, 'uneven')
          const onRight = new Set(paragraphs.filter((p) => p.alone && p.page === page).map((p) => p.source))
          for (const step of steps) step.left = Boolean(step.cap) || !step.paragraphs.every((source) => onRight.has(source))
          trial = { index, steps, at: -1, leftChanged: false }
        }
        trial.at++
        const step = trial.steps[trial.at]
        const fromLeft = trial.leftChanged || Boolean(step?.left)
        trial.leftChanged = Boolean(step?.left)
        if (!step) {
          // Nothing balanced it: the spread is set once more as it first was.
          trial.restoring = true
          return rewind(fromLeft)
        }
        apply(step, true)
        if (step.cap) {
          caps.set(index - 1, step.cap)
          caps.set(index, step.cap)
        }
        return rewind(fromLeft)
      },
    }
  }

  /**
   * Where the characters of an element's first line stand: the top and bottom of their em box
   * (the ideographic em box, 0.88 em above the baseline and 0.12 em below), in page pixels. CSS
   * places a line by the font's ascent and descent, which differ from face to face; the standard
   * measures the characters.
   */
  function emBox(element) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    let text = walker.nextNode()
    while (text && !text.data.trim()) text = walker.nextNode()
    if (!text) return null
    const range = document.createRange()
    range.selectNodeContents(text)
    const rect = range.getClientRects()[0]
    if (!rect) return null
    const style = getComputedStyle(text.parentElement)
    const context = (emBox.canvas ??= document.createElement('canvas')).getContext('2d')
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
    const baseline = rect.top + context.measureText(text.data.trim()[0]).fontBoundingBoxAscent
    const size = parseFloat(style.fontSize)
    return { top: baseline - 0.88 * size, bottom: baseline + 0.12 * size }
  }

  /**
   * After layout, what GB/T 9704 measures in millimetres put exactly there: the mark's
   * characters --head-top below the top of the type area (7.2.4), the red rule 4 mm below the
   * characters of the 发文字号 (7.2.7); each 版记 pushed down so that its last rule lies on the
   * foot of the type area (7.4.1); a letter's (信函, 10.1) lower double rule drawn 20 mm above the
   * foot of its first page, outside the type area where no laid-out content may go. Only
   * absolutely placed parts move, so no line of text does.
   */
  function placeOfficialParts(pagesArea) {
    const mm = 96 / 25.4
    for (const head of pagesArea.querySelectorAll('.doc-head.has-mark')) {
      const top = head.getBoundingClientRect().top
      const mark = head.querySelector('.doc-mark')
      const markBox = mark && emBox(mark)
      if (markBox) {
        const wanted = top + parseFloat(getComputedStyle(mark).top)
        mark.style.top = `${parseFloat(getComputedStyle(mark).top) + wanted - markBox.top}px`
      }
      const rule = head.querySelector('.doc-head-rule')
      const number = head.querySelector('.doc-number')
      const numberBox = number && !head.classList.contains('doc-head-letter') && emBox(number)
      if (rule && numberBox) rule.style.top = `${numberBox.bottom + 4 * mm - top}px`
    }
    for (const colophon of pagesArea.querySelectorAll('[class*="format-"] > .colophon')) {
      const area = colophon.closest('.pagedjs_page')?.querySelector('.pagedjs_page_content')
      if (!area) continue
      const gap = area.getBoundingClientRect().bottom - colophon.getBoundingClientRect().bottom
      if (gap > 0) colophon.style.marginTop = `${parseFloat(getComputedStyle(colophon).marginTop) + gap}px`
    }
    for (const head of pagesArea.querySelectorAll('.doc-head-letter')) {
      const box = head.closest('.pagedjs_page')?.querySelector('.pagedjs_pagebox')
      if (!box || box.querySelector('.letter-foot-rule')) continue
      const rule = document.createElement('div')
      rule.className = 'letter-foot-rule'
      box.append(rule)
      // Centred like the rule under the mark: on the type area, not on the paper.
      const over = head.querySelector('.doc-head-rule')
      if (over) rule.style.left = `${over.getBoundingClientRect().left - box.getBoundingClientRect().left}px`
    }
  }

  /**
   * LC-10 (issue 19): no paragraph ends in a line of one character (“题。”), which text-wrap:
   * pretty does not always prevent and gongwen-a4 turns off (it keeps every line full on its 28-字
   * grid). The paragraphs are set once
   * at the width of the type area before Paged.js cuts them into pages, and where the last Han
   * character stands alone on its line, it and the one before it are made one unbreakable run:
   * the character before comes down with it, as Chinese typesetters do, and the line above, one
   * character short, is justified to the full measure. Paragraphs break into lines the same way on
   * the pages (same width, same faces), so what is measured here is what is printed. Tables are
   * fitted to the type area in the same pass.
   */
  function pullDownLoneLastCharacters() {
    const main = document.querySelector('main')
    const blocks = [...document.querySelectorAll('.article-body p, .article-body h2, .article-body h3, .article-body h4, .article-body h5, .article-body h6, .article-body td, .article-body th')]
    if (!main || blocks.length === 0) return 0
    const width = main.style.width
    // The type area: cpl characters on the grid's pitch (the font size where the grid has none).
    main.style.width = 'calc(var(--cpl) * var(--pitch, var(--fs)))'
    // Issue 19: a table whose short cells (kept on one line) make it wider than the type area is
    // set smaller, down to 小六 (6.5 pt); still too wide, its short cells may break again. First:
    // its cells' lines are measured below at the width they will have.
    for (const table of main.querySelectorAll('table')) {
      const room = table.parentElement.clientWidth
      let size = parseFloat(getComputedStyle(table).fontSize) * 0.75
      while (table.offsetWidth > room + 0.5 && size > 6.5) {
        size = Math.max(6.5, size - 0.75)
        table.style.fontSize = `${size}pt`
      }
      if (table.offsetWidth > room + 0.5) for (const cell of table.querySelectorAll('.short')) cell.classList.remove('short')
      fixColumns(table)
    }
    const pulls = []
    // Paragraphs, headings and table cells (a cell's text ends in （全/市） as a paragraph does),
    // and each line a hard break ends (…（参加第二阶/段）；<br>): their last Han character.
    for (const block of blocks) {
      const ends = []
      let last = null
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === 1 && node.tagName === 'BR') {
          if (last) ends.push(last)
          last = null
        } else if (node.nodeType === 3 && /\p{Script=Han}/u.test(node.data)) last = node
      }
      if (last) ends.push(last)
      for (const text of ends) {
        const final = [...text.data.matchAll(/\p{Script=Han}/gu)].at(-1)
        if (!final || final.index < 1) continue
        const lastTop = characterTop(text, final.index)
        const beforeTop = characterTop(text, final.index - 1)
        // Alone on its line: it opens the line, the character before it ends the line above. Only
        // that one character comes down (…限制（4项）。 keeps 制（ where they are: pulling down to the
        // previous Han character took five and stretched the line above).
        if (lastTop !== undefined && beforeTop !== undefined && lastTop - beforeTop > 1) pulls.push({ node: text, start: final.index - 1 })
      }
    }
    main.style.width = width
    for (const { node, start } of pulls) {
      // The last character of the line above, the lone one and the marks after it, in one run that does not break.
      const tail = node.splitText(start)
      const run = document.createElement('span')
      run.className = 'nobr'
      tail.replaceWith(run)
      run.append(tail)
    }
    return pulls.length
  }

  /**
   * Issue 19: a table keeps the columns it has as a whole on every page it continues on. Paged.js
   * lays out each page's part of a table as a table of its own, whose columns Chromium sizes by
   * that part's rows alone: a column changed width from page to page, and lines measured before
   * layout (pullDownLoneLastCharacters) broke elsewhere. The widths measured on the whole table
   * become a <colgroup> with `table-layout: fixed` (the parts get a copy: pagedjs-patched.ts).
   */
  function fixColumns(table) {
    const rows = [...table.rows]
    // Each cell's first grid column, counting the cells that reach down from rows above.
    const taken = rows.map(() => [])
    const edges = []
    rows.forEach((row, r) => {
      let column = 0
      for (const cell of row.cells) {
        while (taken[r][column]) column++
        for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr][column + dc] = true
        const { left, right } = cell.getBoundingClientRect()
        edges[column] ??= left
        edges[column + cell.colSpan] ??= right
        column += cell.colSpan
      }
    })
    const columns = Math.max(...taken.map((row) => row.length))
    if (!(columns >= 1) || edges[0] === undefined || edges[columns] === undefined) return
    // A grid column no cell begins or ends at (always merged with its neighbour) shares the width evenly.
    for (let i = 1; i < columns; i++) {
      if (edges[i] !== undefined) continue
      let next = i + 1
      while (edges[next] === undefined) next++
      edges[i] = edges[i - 1] + (edges[next] - edges[i - 1]) / (next - i + 1)
    }
    const total = edges[columns] - edges[0]
    const group = document.createElement('colgroup')
    for (let i = 0; i < columns; i++) {
      const col = document.createElement('col')
      col.style.width = `${(((edges[i + 1] - edges[i]) / total) * 100).toFixed(3)}%`
      group.append(col)
    }
    table.querySelector(':scope > colgroup')?.remove()
    table.prepend(group)
    table.style.tableLayout = 'fixed'
  }

  /**
   * Issue 19: merged cells (rowspan) in a table that goes over a page break. Paged.js cannot cut
   * a table between the rows a cell spans (it moved the whole group, and a group taller than a
   * page stopped the layout). Before layout, every body cell spanning rows is cut into its first
   * row's cell and an empty `span-rest` cell in each row below; while a page is laid out
   * (mergeRowSpans), each rest cell that reaches the same page as its first cell is joined to it
   * again (rowspan one more, the rest cell hidden), so the page is measured merged; the first
   * rest cell on a new page takes the cell's text again and spans the rows there. While a page
   * is laid out the cell's text stands at its top: centred in all the rows Paged.js has put on
   * the page before it measures, it would lie below the page's foot, and Paged.js would move the
   * cell's first row over (for ever, in a group taller than a page). Once the page is done, it
   * is centred in the rows that stayed. And the cell may break between its rows (cells avoid
   * breaks inside them: Chromium would move the whole group of rows to the next page). Returns the cells' contents by key, for the pages that
   * repeat them.
   */
  function splitRowSpans() {
    const contents = new Map()
    let key = 0
    for (const body of document.querySelectorAll('main table > tbody')) {
      const rows = [...body.rows]
      rows.forEach((row, r) => {
        for (const cell of [...row.cells]) {
          const span = Math.min(cell.rowSpan, rows.length - r)
          if (span < 2) continue
          const column = columnOf(cell)
          cell.rowSpan = 1
          cell.dataset.spanKey = String(++key)
          cell.style.verticalAlign = 'top'
          // Not one block with its rows (break-inside: avoid on cells): Chromium would move the group whole.
          cell.style.breakInside = 'auto'
          contents.set(cell.dataset.spanKey, cell.innerHTML)
          for (const below of rows.slice(r + 1, r + span)) {
            const rest = document.createElement(cell.tagName)
            rest.className = 'span-rest'
            rest.dataset.spanOf = cell.dataset.spanKey
            if (cell.colSpan > 1) rest.colSpan = cell.colSpan
            below.insertBefore(rest, [...below.cells].find((c) => columnOf(c) >= column) ?? null)
          }
        }
      })
    }
    return contents
  }

  /** The grid column a cell starts in, counting the spans of the cells before it in its row. */
  function columnOf(cell) {
    let column = 0
    for (let before = cell.previousElementSibling; before; before = before.previousElementSibling) column += before.colSpan || 1
    return column
  }

  function mergeRowSpans(contents) {
    class MergeRowSpans extends window.Paged.Handler {
      renderNode(clone) {
        if (clone.nodeType !== 1 || !clone.dataset.spanOf) return
        const key = clone.dataset.spanOf
        const first = clone.closest('table')?.querySelector(`[data-span-key="${key}"]`)
        if (first) {
          first.rowSpan += 1
          clone.hidden = true
          return
        }
        // The rows go on on a new page: the cell's text again, over the rows there (printed twice on purpose, TP-1).
        clone.innerHTML = contents.get(key) ?? ''
        clone.dataset.spanKey = key
        clone.style.verticalAlign = 'top'
        clone.style.breakInside = 'auto'
        clone.classList.remove('span-rest')
        clone.setAttribute('data-repeated-cell', '')
      }
      afterPageLayout(pageElement) {
        for (const cell of pageElement.querySelectorAll('[data-span-key]')) cell.style.verticalAlign = ''
      }
    }
    window.Paged.registerHandlers(MergeRowSpans)
  }

  /**
   * Paged.js gives up on content it cannot place (a break that does not move on) by logging
   * "Unable to layout item" or "Layout repeated" and ending the booklet there: the rest of the
   * manuscript would be silently missing. `stoppedAt` is the start of the text where it stopped.
   */
  async function watchingForGivingUp(preview) {
    const stuck = []
    const original = { warn: console.warn, error: console.error }
    for (const level of ['warn', 'error']) {
      console[level] = (...args) => {
        if (/^(Unable to layout item|Layout repeated)/.test(String(args[0]))) stuck.push(args[1])
        original[level].apply(console, args)
      }
    }
    let flow
    try {
      flow = await preview()
    } finally {
      Object.assign(console, original)
    }
    if (stuck.length === 0) return { flow }
    const node = [stuck[0]].flat()[0]
    const text = ((node && node.textContent) || '').replace(/\s+/g, ' ').trim()
    return { flow, stoppedAt: text.slice(0, 30) || (node && node.nodeName) || '?' }
  }

  /**
   * LC-5: does the body font compress 。” by itself (OpenType 'halt' + text-spacing-trim)?
   * If not, switch on the span-based fallback (TP-3, class tp3).
   */
  function checkCompression() {
    const probe = document.createElement('p')
    probe.className = 'booklet-probe'
    probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;text-indent:0;text-spacing-trim:normal'
    probe.textContent = '字。”字'
    ;(document.querySelector('.article-body') ?? document.body).append(probe)
    const size = parseFloat(getComputedStyle(probe).fontSize)
    const em = probe.getBoundingClientRect().width / size
    probe.remove()
    const halt = em < 3.75
    if (!halt) document.documentElement.classList.add('tp3')
    return { halt, em: Math.round(em * 100) / 100 }
  }

  function pageOf(element) {
    const page = element.closest('.pagedjs_page')
    return page ? Number(page.getAttribute('data-page-number')) - 1 : -1
  }

  function collectLayout(pagesArea, ids) {
    const pages = [...pagesArea.querySelectorAll('.pagedjs_page')].map((page, index) => ({
      index,
      side: page.classList.contains('pagedjs_left_page') ? 'left' : 'right',
      blank: page.classList.contains('pagedjs_blank_page') || !page.querySelector('.pagedjs_page_content')?.textContent.trim(),
      named: [...page.classList].find((c) => /^pagedjs_(cover|front)_page$/.test(c))?.slice(8, -5) ?? null,
      // GB/T 9704: no folio on a letter's first page (10.1), nor on a 版记 page after a blank one (7.5).
      noFolio: Boolean(page.querySelector('.doc-head-letter')) || (Boolean(page.querySelector('[class*="format-"] > .colophon')) && Boolean(page.previousElementSibling?.classList.contains('pagedjs_blank_page'))),
      // LC-16: how a spread ends, on its right page (balanceSpreads).
      spread: page.dataset.spread ?? null,
    }))
    const targets = {}
    for (const id of ids) {
      const element = pagesArea.querySelector(`#${CSS.escape(id)}`)
      targets[id] = element ? pageOf(element) : -1
    }
    const start = pagesArea.querySelector('.body-start')
    return { pages, targets, bodyStartPage: start ? pageOf(start) : -1 }
  }

  /**
   * Page numbers are written after pagination, from the pages as they came out, instead of
   * CSS page counters: Chromium does not carry a `counter-reset: page` on one page over to the
   * next (Paged.js's reset printed "— 1 —" and then "— 5 —"), and Paged.js's target-counter
   * rescans every page after each new one. Folios go into a custom property that the margin
   * boxes print; the TOC's numbers into fixed-width spans, so no line of the TOC moves.
   */
  function numberPages(pagesArea, pages, bodyStartPage) {
    const folios = pages.map((page) =>
      bodyStartPage >= 0 && page.index >= bodyStartPage && !page.blank && !page.named && !page.noFolio ? page.index - bodyStartPage + 1 : null,
    )
    const elements = pagesArea.querySelectorAll('.pagedjs_page')
    folios.forEach((folio, i) => {
      // On the bottom margin boxes' parent, not the page: a custom property is inherited, and
      // one set on the page made Chromium recompute the style of all its text (0.1 s at 200 pages).
      const margin = folioHolder(elements[i])
      // A page moved in from an article laid out alone (replaceArticle) may carry a number of its own.
      if (folio !== null) margin.style.setProperty('--folio', `"${folio}"`)
      else margin.style.removeProperty('--folio')
    })
    const toc = {}
    for (const link of pagesArea.querySelectorAll('.toc a[href^="#"]')) {
      const id = decodeURIComponent(link.getAttribute('href').slice(1))
      const target = pagesArea.querySelector(`#${CSS.escape(id)}`)
      const index = target ? pageOf(target) : -1
      const folio = index >= bodyStartPage && bodyStartPage >= 0 ? index - bodyStartPage + 1 : null
      const slot = link.querySelector('.toc-page')
      if (slot) slot.textContent = folio === null ? '' : String(folio)
      toc[id] = folio
    }
    return { folios, toc }
  }

  /** Where a page's folio is set (--folio, printed by the @bottom-left/right boxes of page-rules.ts). */
  function folioHolder(page) {
    return page.querySelector('.pagedjs_margin-bottom') ?? page
  }

  /**
   * EL-22: each 目录 leader (laid out zero wide, see toc.css) reaches from the end of its entry's
   * last line to the end of the entry's box, filled with whole dots set flush right, so that the
   * dots of every row end at one place. Its width only takes room the line had left: nothing
   * moves. Run again, it gives the same.
   */
  function alignLeaders(pagesArea) {
    const pitches = new Map()
    for (const leader of pagesArea.querySelectorAll('.toc-leader')) {
      const box = leader.parentElement
      const style = getComputedStyle(box)
      const end = box.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth)
      const room = Math.floor((end - leader.getBoundingClientRect().left) * 64) / 64
      const font = getComputedStyle(leader).font
      if (!pitches.has(font)) {
        // The advance of one dot with its spacing, from a run of them (sub-pixel exact).
        leader.style.width = 'auto'
        leader.style.paddingLeft = '0'
        leader.textContent = '·'.repeat(100)
        pitches.set(font, leader.getBoundingClientRect().width / 100)
      }
      const pitch = pitches.get(font)
      // At least a quarter 字 between the entry's last character and its first dot.
      const gap = parseFloat(getComputedStyle(leader).fontSize) / 4
      const dots = Math.max(0, Math.floor((room - gap) / pitch))
      leader.textContent = '·'.repeat(dots)
      leader.style.width = `${Math.max(0, room)}px`
      leader.style.paddingLeft = `${Math.max(0, room - dots * pitch)}px`
    }
  }

  /** QA-5: —— and …… (2 字) and · (1/2 字) as laid out, in em of their font size. */
  function measureMarks(pagesArea) {
    const widths = []
    const walker = document.createTreeWalker(pagesArea, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let node = walker.nextNode(); node && widths.length < 100; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/——|……/g)) {
        range.setStart(node, match.index)
        range.setEnd(node, match.index + 2)
        const rects = range.getClientRects()
        if (rects.length !== 1) continue
        const size = parseFloat(getComputedStyle(node.parentElement).fontSize)
        widths.push({ mark: match[0], em: Math.round((rects[0].width / size) * 1000) / 1000 })
      }
    }
    // LC-8: the 间隔号 set half width.
    for (const element of [...pagesArea.querySelectorAll('.zh-ip')].slice(0, 50)) {
      const size = parseFloat(getComputedStyle(element).fontSize)
      widths.push({ mark: '·', em: Math.round((element.getBoundingClientRect().width / size) * 1000) / 1000 })
    }
    return widths
  }

  let preparing = null
  /** The adopted sheet of the @font-face rules (takeFaces). */
  let faceSheet = null
  /** `@media print` rules applying everywhere while the PDF is printed (printRulesEverywhere). */
  const unconditional = []

  window.__booklet = {
    /**
     * Loads the faces before layout (loadFonts). Called before Paged.js's script is in the page
     * (run-paginate.ts), the browser fetches and decodes them while it loads and compiles that
     * script; paginate() waits for it (and calls it itself where nobody did: the preview).
     */
    prepare({ fonts }) {
      preparing ??= (async () => ({ faces: this.takeFaces(), missingFonts: await loadFonts(fonts) }))()
      return preparing
    },

    /**
     * The document's own style sheets made ready for Paged.js; the faces' sheet is returned. A
     * frame loaded ahead for an article (relayout.ts) does this before the article is put in.
     */
    takeFaces() {
      if (faceSheet) return faceSheet
      // All the booklet's styles are inline; a linked style sheet can only be foreign (and was
      // refused): Paged.js would fail fetching it again.
      for (const link of document.querySelectorAll('link')) link.remove()
      // The 300 @font-face rules move to an adopted style sheet, which Paged.js leaves alone:
      // it would otherwise parse and rewrite their 340 KB before it lays out a single page.
      const fontRules = document.querySelector('style[data-booklet-fonts]')
      faceSheet = new CSSStyleSheet()
      if (fontRules) {
        faceSheet.replaceSync(fontRules.textContent)
        fontRules.remove()
      }
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, faceSheet]
      return faceSheet
    },

    async paginate({ fonts, ids }) {
      const times = {}
      let at = performance.now()
      const phase = (name) => {
        const now = performance.now()
        times[name] = Math.round(now - at)
        at = now
      }
      const { faces, missingFonts } = await this.prepare({ fonts })
      // Shown again only now (see render-pdf.ts): Paged.js moves the content into pages at once.
      document.adoptedStyleSheets = [faces]
      const compression = checkCompression()
      const pulledDown = pullDownLoneLastCharacters()
      const spannedCells = splitRowSpans()
      phase('fonts')
      // Paged.js would load every face in document.fonts before the first page: all the
      // unicode-range slices of every role's font, some 1.6 s and tens of MB, where the text
      // needs a few dozen slices — which loadFonts() above has loaded already.
      window.Paged.Chunker.prototype.loadFonts = () => Promise.resolve()
      const loaded = new Set([...document.fonts].filter((face) => face.status === 'loaded'))
      const setAside = setFinishedPagesAside()
      keepTogetherAtBreaks()
      balanceSpreads()
      mergeRowSpans(spannedCells)
      const { flow, stoppedAt } = await watchingForGivingUp(() => window.PagedPolyfill.preview()).catch((error) => {
        setAside.end()
        throw error
      })
      if (stoppedAt) {
        setAside.end()
        return { stoppedAt }
      }
      phase('paged')
      // Of which Paged.js's layout of the pages (the rest: reading the style sheets).
      times.flow = Math.round(flow.performance)
      // Faces Chromium fetched only while laying out pages: their text was measured before they came (FN-6).
      await document.fonts.ready
      const lateFonts = [...new Set([...document.fonts].filter((face) => face.status === 'loaded' && !loaded.has(face)).map((face) => face.family.replace(/^["']|["']$/g, '')))]
      const pagesArea = document.querySelector('.pagedjs_pages')
      // LC-5: Chromium keeps the shaping of a text it laid out while Paged.js was still cutting
      // the paragraph into pages; where the text after a mark changed since (split, moved,
      // joined by normalize()), adjacent marks may stay uncompressed (“平台” ，) where a fresh
      // layout compresses them (“平台”，). With every page out of the document while its text
      // is mended and joined, each page comes back with a fresh layout (an element out of the
      // document has none to keep): pages come out the same whichever way they were laid out —
      // whole, in two tabs, or moved in from an article laid out alone — with one layout of the
      // booklet instead of three (re-shaping the cut paragraphs cost two: 0.2 s at 200 pages).
      const pages = setAside.all()
      const mendedSplits = mendSplitsAtParagraphEnd(pages)
      // Adjacent text nodes (left where Paged.js split a text) become one, here and in pages
      // moved in by replaceArticle: the same pages, the same text runs in the PDF.
      pages.normalize()
      setAside.end()
      placeOfficialParts(pagesArea)
      return { ...measureBooklet(pagesArea, ids), compression, missingFonts, lateFonts, mendedSplits, pulledDown, total: flow.total, inPage: { ...times, measure: Math.round(performance.now() - at) } }
    },

    /**
     * In a page laid out from one article (articleFrameDocument with articleMain: the article,
     * then an empty one): the article's pages, and the blank page after it if the next article
     * would open after one (`last`: no next article, no blank page).
     */
    articlePages(nextId, last) {
      const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')]
      const next = document.getElementById(nextId)?.closest('.pagedjs_page')
      let end = next ? pages.indexOf(next) : -1
      // The booklet's last article is followed by nothing, not even a blank page.
      while (last && end > 1 && pages[end - 1].classList.contains('pagedjs_blank_page')) end--
      return end < 1 ? null : pages.slice(0, end)
    },

    /**
     * A rebuild after an edit to one article (issue 6): that article's pages, laid out alone in
     * the iframe (articleFrameDocument, articlePages), replace its old pages here; everything else stays
     * as laid out; the iframe goes. Page numbers, 目录 numbers and targets are then made afresh over the whole booklet,
     * as after a full layout. Returns { refused } when the new pages cannot simply take the old
     * ones' place (the build then lays out the whole booklet).
     */
    async replaceArticle({ articleId, nextArticleId, nextId, fonts, ids }) {
      const at = performance.now()
      const frame = document.querySelector('iframe[data-booklet-article]')
      const laidOut = frame?.contentWindow.__booklet.articlePages(nextId, !nextArticleId)
      const fresh = laidOut ? laidOut.map((page) => document.adoptNode(page)) : null
      frame?.remove()
      if (!fresh) return { refused: 'no pages laid out' }
      const pagesArea = document.querySelector('.pagedjs_pages')
      const pages = [...pagesArea.querySelectorAll(':scope > .pagedjs_page')]
      const printedBefore = new Map(pages.map((page) => [page, printedAs(page)]))
      const start = pageOf(pagesArea.querySelector(`#${CSS.escape(articleId)}`))
      const next = nextArticleId ? pageOf(pagesArea.querySelector(`#${CSS.escape(nextArticleId)}`)) : pages.length
      if (start < 0 || next <= start) return { refused: 'article not found' }
      // The article was laid out from a right-hand page: it must open on one here too.
      if (start % 2 !== 0) return { refused: 'opens on a left page' }
      // The pages after it keep their sides only if it grows or shrinks by whole leaves.
      if (next < pages.length && (fresh.length - (next - start)) % 2 !== 0) return { refused: 'page parity changed' }
      for (const old of pages.slice(start, next)) old.remove()
      const before = pages[next] ?? null
      for (const page of fresh) pagesArea.insertBefore(page, before)
      const { all, missingFonts } = await takeIn(pagesArea, fresh, start, fonts)
      const times = { replace: Math.round(performance.now() - at) }
      const compression = checkCompression()
      const measured = measureBooklet(pagesArea, ids)
      // Pages printed as before: not moved, with the same number and the same 目录 numbers on them.
      const samePages = all.flatMap((page, i) => (printedBefore.get(page) === printedAs(page) ? [i] : []))
      return { ...measured, compression, missingFonts, samePages, inPage: times }
    },

    /**
     * Paged.js's `@media print` rules made to apply in every medium while the PDF is printed
     * (`on`), and put back after it (`!on`, for a page kept for the next build). Chromium prints
     * in the print medium, and while rules depend on the medium it recomputes the style of every
     * element of the booklet each time it switches: four times in a print, 0.6 s of 1.5 s at 215
     * pages. The rules that apply in print are the same either way, and so are the pages.
     */
    printRulesEverywhere(on) {
      if (on) {
        for (const sheet of document.styleSheets) {
          for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
            const rule = sheet.cssRules[i]
            if (!(rule instanceof CSSMediaRule) || rule.media.mediaText !== 'print') continue
            const inner = [...rule.cssRules].map((r) => r.cssText)
            sheet.deleteRule(i)
            inner.forEach((text, k) => sheet.insertRule(text, i + k))
            unconditional.push({ sheet, at: i, count: inner.length, text: rule.cssText })
          }
        }
      } else {
        for (const { sheet, at, count, text } of unconditional.splice(0)) {
          for (let k = 0; k < count; k++) sheet.deleteRule(at)
          sheet.insertRule(text, at)
        }
      }
    },

    /** In a page laid out from the second of splitDocuments(): its pages, as HTML. */
    pagesHtml() {
      return [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')].map((page) => page.outerHTML).join('')
    },

    /**
     * A cold build on two cores (issue 6): this page holds the first of splitDocuments() laid out,
     * another tab the second (pagesHtml). Its pages take the place of the page the empty article
     * opened here, and the booklet is then measured and numbered as after a whole layout. Returns
     * { refused } when they cannot (the build then lays out the whole booklet).
     */
    async appendPages({ html, nextId, fonts, ids }) {
      const at = performance.now()
      const pagesArea = document.querySelector('.pagedjs_pages')
      const pages = [...pagesArea.querySelectorAll(':scope > .pagedjs_page')]
      const start = pageOf(document.getElementById(nextId))
      if (start < 0) return { refused: 'no place for the second part' }
      // Its pages were laid out from a right-hand page: they must start on one here too.
      if (start % 2 !== 0) return { refused: 'second part on a left page' }
      for (const old of pages.slice(start)) old.remove()
      const parsed = document.createElement('template')
      parsed.innerHTML = html
      const fresh = [...parsed.content.children]
      pagesArea.append(parsed.content)
      const { missingFonts } = await takeIn(pagesArea, fresh, start, fonts)
      const times = { append: Math.round(performance.now() - at) }
      const compression = checkCompression()
      return { ...measureBooklet(pagesArea, ids), compression, missingFonts, inPage: times }
    },
  }

  /**
   * Pages laid out elsewhere, now in this booklet from page `start` on: numbered and sided as
   * Paged.js does (Page.index), their text runs joined as after a layout here, and the font
   * slices their characters need (this page may not have loaded them) and their pictures (this
   * document fetches them again) loaded before the print.
   */
  async function takeIn(pagesArea, fresh, start, fonts) {
    const all = [...pagesArea.querySelectorAll(':scope > .pagedjs_page')]
    all.forEach((page, i) => {
      if (i < start) return
      page.dataset.pageNumber = String(i + 1)
      page.id = `page-${i + 1}`
      page.classList.toggle('pagedjs_first_page', i === 0)
      page.classList.toggle('pagedjs_right_page', i % 2 === 0)
      page.classList.toggle('pagedjs_left_page', i % 2 === 1)
    })
    pagesArea.style.setProperty('--pagedjs-page-count', String(all.length))
    for (const page of fresh) page.normalize()
    // Paged.js keeps its own list of the pages it made; pages it did not make here, or replaced, must not live on in it.
    const chunker = window.PagedPolyfill?.chunker
    if (chunker?.pages) chunker.pages = chunker.pages.filter((page) => page.element?.isConnected)
    const missingFonts = await loadFonts(fonts, fresh)
    const pictures = fresh.flatMap((page) => [...page.querySelectorAll('img')])
    await Promise.all(pictures.map((img) => img.decode().catch(() => undefined)))
    return { all, missingFonts }
  }

  /** What of a page replaceArticle may change: its place, its folio, the 目录 numbers on it. */
  function printedAs(page) {
    return `${page.dataset.pageNumber}|${folioHolder(page).style.getPropertyValue('--folio')}|${[...page.querySelectorAll('.toc-page')].map((slot) => slot.textContent).join(',')}`
  }

  /** What the build wants to know of the pages as laid out, and their numbers written in. */
  function measureBooklet(pagesArea, ids) {
    // Paged.js has waited for every image: one with no size could not be decoded (a broken
    // icon), e.g. an SVG whose XML is broken although its header looked right.
    const brokenImages = [...new Set([...pagesArea.querySelectorAll('img')].filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.getAttribute('src')))]
    const layout = collectLayout(pagesArea, ids)
    alignLeaders(pagesArea)
    const numbers = numberPages(pagesArea, layout.pages, layout.bodyStartPage)
    const markWidths = measureMarks(pagesArea)
    // Table headers Paged.js repeated on continuation pages (pagedjs-patched.ts): printed twice on purpose (TP-1).
    const repeatedText = [...pagesArea.querySelectorAll('[data-repeated-header], [data-repeated-cell]')].map((head) => head.textContent).join('')
    return { ...layout, ...numbers, brokenImages, markWidths, repeatedText }
  }
})()
