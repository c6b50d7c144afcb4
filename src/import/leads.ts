/**
 * Lead sentences set in bold (TP-7): parallel paragraphs that open with a short sentence, a
 * numbered series (一抓……二抓……, all or none), and the words of an enumeration (一是……二是……).
 */
import type { PhrasingContent } from 'mdast'
import { type Item, type Note, ENDS_WITH_SENTENCE, MAX_LEAD, firstSentence, plainText } from './items.ts'

/**
 * Parallel paragraphs that open with a short sentence — 要旗帜鲜明讲政治。… 要一以贯之守规矩。… —
 * get their lead sentence in bold (set in 黑体): the speech's own sub-points, kept word for word.
 * Parallel means the same opening character, or the same shape (length within two characters and
 * the same punctuation); or, as government reports write them, three or more paragraphs in a row
 * that each open with a short call to action (推动投资回稳向好。稳定基础设施投资……) and go on at
 * length. A lone short first sentence, or a statement (党是……。), is not a lead. A numbered series
 * (一抓……二抓……, 一要……二要……) is treated as one: every lead in bold, or none.
 */
export function markLeadSentences(items: Item[], note: Note): void {
  const bold = (run: Item[], why: string) => {
    for (const item of run) {
      const lead = firstSentence(item.text)
      if (embolden(item, [[0, lead.length]])) note(item.block, `${why}，加粗为引领句：${lead}`, 'import-lead')
    }
  }
  const runs = consecutive(items, (item) => (item.kind === 'paragraph' && plainText(item) ? seriesWord(item.text) : undefined))
  for (const run of runs.filter((r) => r.length >= 2)) {
    // All or none: a series whose every lead is a short sentence of its own is bold throughout.
    const leads = run.map((item) => firstSentence(item.text))
    if (leads.every((lead) => ENDS_WITH_SENTENCE.test(lead) && [...lead].length <= 30 && lead.length < run[0]!.text.length)) bold(run, `“${leads.map((l) => l.slice(0, 2)).join('、')}”是并列的分项`)
    for (const item of run) item.series = true
  }
  let run: Item[] = []
  const flush = () => {
    const callsToAction = run.length >= 3 && run.every((item) => actionLead(item))
    if (run.length >= 2 && (callsToAction || run.every((item, k) => k === 0 || parallel(leadSentence(run[k - 1]!.text)!, leadSentence(item.text)!)))) bold(run, '段首短句与相邻段落并列')
    else if (run.length >= 2) {
      // The parallel ones within: the old pairing, for runs that mix a statement with the points.
      let part: Item[] = []
      for (const item of run) {
        if (part.length && !parallel(leadSentence(part.at(-1)!.text)!, leadSentence(item.text)!)) {
          if (part.length >= 2) bold(part, '段首短句与相邻段落并列')
          part = []
        }
        part.push(item)
      }
      if (part.length >= 2) bold(part, '段首短句与相邻段落并列')
    }
    run = []
  }
  for (const item of items) {
    const lead = item.kind === 'paragraph' && !item.series && plainText(item) ? leadSentence(item.text) : undefined
    if (!lead) flush()
    else run.push(item)
  }
  flush()
}

/** 一抓 / 二抓, 一要 / 二要, 首先 / 其次: the word a numbered series opens its paragraphs with. */
function seriesWord(text: string): string | undefined {
  const numbered = /^[一二三四五六七八九十]{1,2}(要|抓|把|靠|在|讲|看|个|重|强|建|促|提|推)/u.exec(text)
  if (numbered) return numbered[1]
  return /^(首先|其次|再次|第[一二三四五六七八九十]+)[，,]/u.test(text) ? '次序' : undefined
}

/** Groups of neighbouring items that give the same key. */
export function consecutive(items: Item[], key: (item: Item) => string | undefined): Item[][] {
  const groups: Item[][] = []
  let last: string | undefined
  for (const item of items) {
    const k = key(item)
    if (k !== undefined && k === last) groups.at(-1)!.push(item)
    else if (k !== undefined) groups.push([item])
    last = k
  }
  return groups
}

/** A short call to action that a long paragraph then carries out: 推动投资回稳向好。…… */
function actionLead(item: Item): boolean {
  const lead = leadSentence(item.text)
  return lead !== undefined && !/[是我你他她]|大家|今年|去年|目前|当前/u.test(lead) && item.text.length >= lead.length * 3
}

/** The short first sentence of a paragraph (or the whole of a one-sentence paragraph). */
function leadSentence(text: string): string | undefined {
  const lead = firstSentence(text)
  if (!ENDS_WITH_SENTENCE.test(lead) || [...lead].length > MAX_LEAD) return undefined
  return /^[一二三四五六七八九十]是/u.test(lead) ? undefined : lead
}

/**
 * 要旗帜鲜明讲政治。/ 要一以贯之守规矩。 share their opening word; 组织工作要选人才、强队伍，夯实基础。/
 * 宣传工作要把方向、浓氛围，提振精神。 share their shape (the same marks, lengths within two) and a
 * word in the same place (工作要). 去年我们干得不错。/ 今年形势更复杂。 share neither.
 */
function parallel(a: string, b: string): boolean {
  if (a[0] === b[0]) return true
  const marks = (s: string) => s.replace(/[^、，；：。！？]/gu, '')
  if (marks(a) !== marks(b) || Math.abs([...a].length - [...b].length) > 2) return false
  for (let i = 0; i + 2 <= Math.min(a.length, b.length); i++) if (a.slice(i, i + 2) === b.slice(i, i + 2) && /\p{Script=Han}{2}/u.test(a.slice(i, i + 2))) return true
  return false
}

/**
 * 一是……二是……: the enumerating words are set in bold, with their clause when it is a short
 * sentence of its own (一是坚持高位推动。). Only where the enumeration really is one (一是 and 二是
 * in a paragraph, or paragraphs opening with 一是, 二是 …).
 */
export function markSequences(items: Item[], note: Note): void {
  const marker = /(^|[。；！？：，])\s*([一二三四五六七八九十]是)/gu
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind !== 'paragraph' || !plainText(item)) continue
    const found = [...item.text.matchAll(marker)].map((m) => ({ start: m.index! + m[0].length - 2, word: m[2]! }))
    const words = found.map((f) => f.word)
    const opensRun = /^一是/u.test(item.text) && /^二是/u.test(items[i + 1]?.text ?? '')
    const continuesRun = /^[二三四五六七八九十]是/u.test(item.text) && items.slice(0, i).some((prev) => /^一是/u.test(prev.text))
    if (!(words.includes('一是') && words.includes('二是')) && !opensRun && !continuesRun) continue
    // The clause after each marker, when it is a short sentence of its own (一是坚持高位推动。). Either
    // every clause of the enumeration is set in bold or none is: only the markers then.
    const clauses = found.map(({ start }) => /^[^，；。！？]*[。！？；]/u.exec(item.text.slice(start))?.[0])
    const whole = clauses.every((clause, k) => {
      if (!clause || [...clause].length > MAX_LEAD) return false
      // 一是学习。二是落实。: a clause that runs into the next marker would make two bold runs touch.
      const next = found[k + 1]
      return !next || found[k]!.start + clause.length < next.start
    })
    const ranges = found.map(({ start }, k): [number, number] => [start, whole ? start + clauses[k]!.length : start + 2])
    if (embolden(item, ranges)) note(item.block, `“${words.join('、')}”是分项列举，加粗`, 'import-sequence')
  }
}

/** Sets the given character ranges of a plain-text paragraph in bold. */
function embolden(item: Item, ranges: [number, number][]): boolean {
  if (!plainText(item) || ranges.length === 0) return false
  const value = item.text
  const children: PhrasingContent[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start < at) continue
    if (start > at) children.push({ type: 'text', value: value.slice(at, start) })
    children.push({ type: 'strong', children: [{ type: 'text', value: value.slice(start, end) }] })
    at = end
  }
  if (at < value.length) children.push({ type: 'text', value: value.slice(at) })
  item.block = { ...item.block, children }
  return true
}
