/**
 * Paged.js as the page gets it: the published polyfill with the fixes a booklet depends on.
 * Each fix replaces one exact passage of the 0.4.3 polyfill; a passage that is not found exactly
 * once (another Paged.js version) stops the build with an internal error instead of laying out
 * with a known bug.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

interface Fix {
  why: string
  find: string
  replace: string
}

const FIXES: Fix[] = [
  {
    // A paragraph longer than a page continues on the next page as the rest of its text node
    // (substring from the break). Where the following break falls, Paged.js finds the start of
    // that rest with indexOf — the *first* place the rest's text occurs. In text that repeats
    // (a pasted paragraph with a repeated sentence, 一是……一是……) that is an earlier place: the
    // break token goes back, Paged.js sees it repeat ("Unable to layout item") and silently
    // drops everything after that page. The rest is a suffix of the node's text, so its start
    // is the length difference; indexOf stays only for a rest that is not a suffix.
    why: 'break offset inside a text node split over several pages',
    find: 'offset += node.textContent.indexOf(container.textContent);',
    replace:
      'offset += node.textContent.endsWith(container.textContent) ? node.textContent.length - container.textContent.length : node.textContent.indexOf(container.textContent);',
  },
  {
    // The same search one level up: which of the source paragraph's text nodes a laid-out text
    // node is. Text nodes carry no data-ref, so Paged.js takes the first text child whose text
    // includes the laid-out text. A paragraph is split into many text nodes by its inline
    // elements (our punctuation spans around “四个意识”，, emphasis, links), and in a paragraph
    // longer than a page an earlier, identical or containing node is found: the break goes back
    // and Paged.js stops ("Layout repeated"). Anchor instead on the nearest sibling element that
    // has a data-ref (the text node comes after the one before it), else on the text node the
    // page started in (a text node longer than a page), else on the next element with a ref.
    why: 'which text node of a paragraph a page break falls in',
    find: 'function indexOfTextNode(node, parent) {\n\t\tif (!isText(node)) {\n\t\t\treturn -1;\n\t\t}\n',
    replace: `let pageStartToken;
\tfunction indexOfTextNode(node, parent) {
\t\tif (!isText(node)) {
\t\t\treturn -1;
\t\t}
\t\tconst refOf = (n) => (n && n.nodeType === 1 && n.dataset.ref) || undefined;
\t\tconst kids = parent.childNodes;
\t\tconst holds = (i) => kids[i].nodeType === 3 && kids[i].textContent.includes(node.textContent);
\t\tconst where = (ref) => Array.prototype.findIndex.call(kids, (kid) => refOf(kid) === ref);
\t\tlet before = node.previousSibling;
\t\twhile (before && !refOf(before)) before = before.previousSibling;
\t\tconst from = before ? where(refOf(before)) : -1;
\t\tif (from >= 0) {
\t\t\tfor (let i = from + 1; i < kids.length; i++) if (holds(i)) return i;
\t\t}
\t\tconst started = pageStartToken && pageStartToken.node && pageStartToken.node.parentNode === parent ? Array.prototype.indexOf.call(kids, pageStartToken.node) : -1;
\t\tif (started >= 0) {
\t\t\tfor (let i = started; i < kids.length; i++) if (holds(i)) return i;
\t\t}
\t\tlet after = node.nextSibling;
\t\twhile (after && !refOf(after)) after = after.nextSibling;
\t\tconst to = after ? where(refOf(after)) : -1;
\t\tif (to >= 0) {
\t\t\tfor (let i = to - 1; i >= 0; i--) if (holds(i)) return i;
\t\t}
`,
  },
  {
    // Tells the search above where the page being laid out started.
    why: 'the page start, for finding a text node longer than a page',
    find: 'breakToken = this.createBreakToken(overflow, rendered, source);',
    replace: 'pageStartToken = prevBreakToken;\n\t\t\t\tbreakToken = this.createBreakToken(overflow, rendered, source);',
  },
  {
    // Rules with a sibling combinator (`.run-in + .run-in-body`) or :nth-of-type cannot hold once
    // content is split into pages; Paged.js rewrites each into a rule on an attribute it sets on
    // the matching elements, named with a random UUID. A rebuild that lays out one edited article
    // alone (issue 6) moves its pages into the booklet laid out before, whose rules carry other
    // random names: the moved run-in headings lost their rule and stood on lines of their own.
    // Named after the selector instead, the same style sheet gives the same names in every page.
    why: 'stable names for rewritten sibling and nth-of-type rules',
    find: '\tfunction UUID() {\n',
    replace: `\t// The same selector, the same name (djb2): pages laid out apart match the same rules.
\tfunction stableName(selector) {
\t\tlet hash = 5381;
\t\tfor (let i = 0; i < selector.length; i++) hash = (Math.imul(hash, 33) + selector.charCodeAt(i)) >>> 0;
\t\treturn hash.toString(16) + "-" + selector.length;
\t}

\tfunction UUID() {\n`,
  },
  {
    why: 'stable names for rewritten sibling rules (the name)',
    find: 'let uuid = "following-" + UUID();',
    replace: 'let uuid = "following-" + stableName(selector);',
  },
  {
    why: 'stable names for rewritten nth-of-type rules (the name)',
    find: 'let uuid = "nth-of-type-" + UUID();',
    replace: 'let uuid = "nth-of-type-" + stableName(selector);',
  },
  {
    // A table that goes on over a page break starts its next page with rows only: a reader of a
    // 责任分工表 has to turn back to see which column is which. Where Paged.js rebuilds the
    // table around the first row of the new page, a copy of its header row(s) goes first, during
    // layout, so that the page's height counts it, under the words 续表 (CY/T 170: a table
    // continued on a new page says so above its repeated header), with the table's column widths
    // (the colgroup paginate.js's fixColumns gave it). The copy has no data-ref (Paged.js maps
    // rendered nodes back to the source by it) and is marked, for the preflight (TP-1: its text
    // is printed more than once on purpose).
    why: 'repeat a table header on the pages the table continues on',
    find: '\t\t\tadded.push(parent);\n',
    replace: `\t\t\tadded.push(parent);
\t\t\tif (parent.nodeName === "TABLE" && ancestor.tHead && !ancestor.tHead.contains(node)) {
\t\t\t\tconst head = ancestor.tHead.cloneNode(true);
\t\t\t\tfor (const copy of [head, ...head.querySelectorAll("[data-ref], [id]")]) {
\t\t\t\t\tcopy.removeAttribute("data-ref");
\t\t\t\t\tcopy.removeAttribute("id");
\t\t\t\t}
\t\t\t\thead.setAttribute("data-repeated-header", "");
\t\t\t\tconst continued = document.createElement("caption");
\t\t\t\tcontinued.className = "continued";
\t\t\t\tcontinued.textContent = "续表";
\t\t\t\tcontinued.setAttribute("data-repeated-header", "");
\t\t\t\tparent.appendChild(continued);
\t\t\t\tconst columns = ancestor.querySelector(":scope > colgroup");
\t\t\t\tif (columns) parent.appendChild(columns.cloneNode(true));
\t\t\t\tparent.appendChild(head);
\t\t\t}
`,
  },
  {
    // Paged.js takes every element with a style attribute and no inline `display` for one
    // hidden by its inline style ("undisplayed"), and leaves it out where it looks for the page
    // break: a table row the page driver styled (a merged cell's rows, fixColumns) was laid out
    // past the page's foot and lost from the print. Only an inline `display: none` hides.
    why: 'only an inline display: none marks an element undisplayed',
    find: '\t\t\t\tlet element = styledElements[i];\n\t\t\t\tif (this.removable(element)) {',
    replace: '\t\t\t\tlet element = styledElements[i];\n\t\t\t\tif (element.style.display === "none") {',
  },
  {
    // Paged.js moves a table row whose cell count differs from the first row's back to the last
    // "full" row, meant for rows under a rowspan: a group of rows taller than a page then never
    // fits ("Unable to layout item"), and a row with a colspan is taken for one. The page driver
    // splits rowspans at page breaks itself (splitRowSpans in paginate.js): no row of a body
    // depends on a row above it while Paged.js lays it out.
    why: 'rows under a rowspan are split by the page driver',
    find: 'const rowspan = table.querySelector("[colspan]");',
    replace: 'const rowspan = null;',
  },
  {
    // LC-16: the page driver may set a spread again (balanceSpreads in paginate.js): after each
    // page it is asked, with the break token the page began at, and may answer with a page and
    // a token to go back to. The pages from there are removed, with the break tokens they
    // recorded (which would otherwise be taken for a layout that repeats), and layout goes on.
    why: 'set a spread again from its left page',
    find: `\t\t\t\tlet page = this.addPage();

\t\t\t\tawait this.hooks.beforePageLayout.trigger(page, content, breakToken, this);`,
    replace: `\t\t\t\tconst startToken = breakToken;
\t\t\t\tlet page = this.addPage();
\t\t\t\tpage.tokensBefore = tokens.length;

\t\t\t\tawait this.hooks.beforePageLayout.trigger(page, content, breakToken, this);`,
  },
  {
    why: 'set a spread again from its left page (the question)',
    find: `\t\t\t\tthis.emit("renderedPage", page);

\t\t\t\tthis.recoredCharLength(page.wrapper.textContent.length);`,
    replace: `\t\t\t\tthis.emit("renderedPage", page);

\t\t\t\tconst again = window.__bookletSpreads?.afterPage(this, page, startToken, breakToken, content);
\t\t\t\tif (again) {
\t\t\t\t\tconst from = this.pages.indexOf(again.page);
\t\t\t\t\tthis.removePages(from);
\t\t\t\t\ttokens.length = again.page.tokensBefore;
\t\t\t\t\tbreakToken = again.token;
\t\t\t\t\tcontinue;
\t\t\t\t}

\t\t\t\tthis.recoredCharLength(page.wrapper.textContent.length);`,
  },
  {
    // A page is created after the page before it — which may have been set aside out of the
    // document (setFinishedPagesAside) when a spread is set again: then it goes at the end.
    why: 'set a spread again from its left page (the page before it set aside)',
    find: '\t\t\tlet page = new Page(this.pagesArea, this.pageTemplate, blank, this.hooks, this.settings);\n\n\t\t\tthis.pages.push(page);\n\n\t\t\t// Create the pages\n\t\t\tpage.create(undefined, lastPage && lastPage.element);',
    replace:
      '\t\t\tlet page = new Page(this.pagesArea, this.pageTemplate, blank, this.hooks, this.settings);\n\n\t\t\tthis.pages.push(page);\n\n\t\t\t// Create the pages\n\t\t\tpage.create(undefined, lastPage && lastPage.element && lastPage.element.isConnected ? lastPage.element : undefined);',
  },
  {
    // Paged.js runs its queue — one task per page — on requestAnimationFrame, so every page
    // waits for the next frame: 16.7 ms at Chromium's 60 Hz for a few ms of work. A 55-page
    // booklet spent half of its 0.9 s of layout idle, a 500-page one some 4 s. The queue now
    // runs its next task at once, as a new task (a MessageChannel message: no frame to wait
    // for, none of the 4 ms clamp of nested timers), still yielding to the event loop between pages.
    why: 'one page per animation frame',
    find: '\t\t\tthis.tick = requestAnimationFrame;',
    replace: `\t\t\tthis.tick = (() => {
\t\t\t\tconst channel = new MessageChannel();
\t\t\t\tconst waiting = [];
\t\t\t\tchannel.port1.onmessage = () => waiting.shift()();
\t\t\t\treturn (callback) => {
\t\t\t\t\twaiting.push(callback);
\t\t\t\t\tchannel.port2.postMessage(null);
\t\t\t\t};
\t\t\t})();`,
  },
]

let patched: Promise<Buffer> | undefined

/** The patched paged.polyfill.js, read and patched once per process. */
export function pagedPolyfill(): Promise<Buffer> {
  patched ??= (async () => {
    const file = join(dirname(require.resolve('pagedjs')), '../dist/paged.polyfill.js')
    let source = await readFile(file, 'utf8')
    for (const fix of FIXES) {
      const at = source.indexOf(fix.find)
      if (at < 0 || source.indexOf(fix.find, at + 1) >= 0) {
        throw new Error(`Paged.js fix "${fix.why}" does not apply to ${file}: is this Paged.js 0.4.3?`)
      }
      source = source.slice(0, at) + fix.replace + source.slice(at + fix.find.length)
    }
    return Buffer.from(source)
  })()
  return patched
}
