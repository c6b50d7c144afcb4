/**
 * Issue 19, item 3 (LC-16): facing pages end on the same line of the grid, unless an article or
 * a section ends on the spread. Measured on a real speech (the shared sample, a county party
 * secretary's speech) set four times, one sentence of its own repeated 0–3 times before its
 * second part, so that every spread falls differently. The layout says how each spread ended;
 * the PDF is read to see that the two pages of every spread it balanced really end on one
 * baseline, and that the paragraphs it set a line longer or shorter lost no character. The
 * official preset keeps GB/T 9704's grid of 22 lines of 28 characters instead: nothing is set again.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import type { BuildReport } from '../../src/report.ts'
import { NO_LINE_START } from '../../src/pdf/preflight.ts'
import { measurePages, type PrintedPage } from '../helpers/pdf-geometry.ts'
import { pageTexts } from '../helpers/pdf.ts'

const SPEECH = readFileSync(resolve(import.meta.dirname, '../../manuscript/01-party-work-meeting-speech.md'), 'utf8')
const REPEATED = '对于组织、宣传、统战、群团、档案方面的工作，县委是肯定的，群众是满意的。'
const BEFORE = '关于今年的党务工作，我再讲三方面意见：'
const PRESETS = ['a5-booklet', 'gongwen-a4'] as const

const built = new Map<string, { report: BuildReport; pages: PrintedPage[]; texts: string[] }>()

beforeAll(async () => {
  expect(SPEECH).toContain(BEFORE)
  for (const preset of PRESETS) {
    const dir = mkdtempSync(join(tmpdir(), `booklet-spreads-${preset}-`))
    const manuscript = join(dir, 'm')
    mkdirSync(manuscript)
    writeFileSync(join(manuscript, 'booklet.yaml'), `title: 党务工作学习资料\npreset: ${preset}\n`)
    for (let k = 0; k < 4; k++) {
      const text = SPEECH.replace('title: 在全县党务工作会议上的讲话', `title: 在全县党务工作会议上的讲话（${k + 1}）`).replace(BEFORE, `${`${REPEATED}\n\n`.repeat(k)}${BEFORE}`)
      writeFileSync(join(manuscript, `0${k + 1}-speech.md`), text)
    }
    const report = await build({ input: manuscript, outDir: join(dir, 'out'), cwd: dir })
    expect(report.ok).toBe(true)
    const pdf = join(dir, 'out/booklet.pdf')
    built.set(preset, { report, pages: await measurePages(pdf), texts: pageTexts(pdf) })
  }
}, 240_000)

/** The baseline of the lowest line of text on a page, folio left out (mm from the top). */
function foot(page: PrintedPage): number {
  return Math.max(...page.texts.filter((t) => /\p{Script=Han}/u.test(t.text) && !/—/u.test(t.text)).map((t) => t.baseline))
}

describe('facing pages, a5-booklet', () => {
  const get = () => built.get('a5-booklet')!

  it('ends both pages of every spread on one line where no article or section ends on it', () => {
    const { report, pages } = get()
    const states = report.pages.flatMap((p) => (p.spread ? [p.spread] : []))
    // Spreads that came out level at once, spreads the layout set again, none it could not balance.
    expect(states.filter((s) => s === 'even').length).toBeGreaterThan(3)
    expect(states.filter((s) => s === 'balanced').length).toBeGreaterThan(0)
    expect(states.filter((s) => s === 'uneven')).toEqual([])
    let level = 0
    for (const page of report.pages) {
      if (page.spread !== 'even' && page.spread !== 'balanced') continue
      const [left, right] = [foot(pages[page.index - 1]!), foot(pages[page.index]!)]
      expect(Math.abs(left - right), `PDF pages ${page.index} and ${page.index + 1}`).toBeLessThan(0.3)
      level++
    }
    expect(level).toBeGreaterThan(4)
    expect(report.preflight!.checks.find((c) => c.id === 'facing-pages')).toMatchObject({ ok: true, problems: [] })
  })

  it('sets no paragraph a line longer or shorter at the cost of a character, a stretched line or a lone last character', () => {
    const checks = get().report.preflight!.checks
    for (const id of ['text-complete', 'stretched-lines', 'one-char-line', 'lone-lines', 'heading-foot']) {
      expect(checks.find((c) => c.id === id), id).toMatchObject({ ok: true })
    }
  })

  it('keeps the text of a paragraph set tighter in reading order for a PDF reader (pdftotext)', () => {
    // Marks drawn closer than half their box made pdftotext put “，从严落实……” on a line of its own.
    const lines = get().texts.flatMap((text) => text.split('\n').map((line) => line.trim()).filter(Boolean))
    expect(lines.filter((line) => NO_LINE_START.has(line[0]!))).toEqual([])
  })
})

describe('facing pages, gongwen-a4', () => {
  it('keeps the 28 × 22 grid of GB/T 9704: no spread is set again, and the preflight asks for none', () => {
    const { report } = built.get('gongwen-a4')!
    expect(report.pages.filter((p) => p.spread)).toEqual([])
    expect(report.preflight!.checks.find((c) => c.id === 'facing-pages')).toMatchObject({ ok: true, problems: [] })
  })
})
