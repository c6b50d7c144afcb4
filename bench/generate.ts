/**
 * Generates Chinese manuscripts of about N A5 pages for the benchmark: several articles, three
 * heading levels, run-in headings, paragraphs of real sentence lengths. The sentences are the
 * sample speech's own, recombined by a seeded generator, so every run writes the same text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
/** Characters an A5 page of the booklet holds, roughly (20 lines × 26, less headings and gaps). */
const CHARS_PER_PAGE = 440

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sentences = readFileSync(join(root, 'test/fixtures/import/party-work-meeting-speech.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.length > 60)
  .flatMap((line) => line.match(/[^。！？]+[。！？]/gu) ?? [])
  .map((s) => s.trim())
  .filter((s) => s.length >= 8)

const topics = ['坚持党的领导', '聚焦中心大局', '加强组织建设', '推进作风建设', '强化责任落实', '深化改革创新', '保障改善民生', '筑牢安全底线']
const verbs = ['牢牢把握', '全面提高', '努力开创', '持续巩固', '不断增强', '切实做好']
const goals = ['党务工作新要求', '服务发展新水平', '基层治理新局面', '干部队伍新面貌', '工作落实新成效']

export interface GeneratedManuscript {
  dir: string
  articles: string[]
  /** File and paragraph for the benchmark's one-paragraph edit. */
  editable: { file: string; paragraph: string }
}

export function generateManuscript(dir: string, pages: number, seed = 1): GeneratedManuscript {
  mkdirSync(dir, { recursive: true })
  const next = random(seed)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!
  const paragraph = (min: number, max: number) => {
    let text = ''
    const target = min + Math.floor(next() * (max - min))
    while (text.length < target) text += pick(sentences)
    return text
  }
  const articleCount = Math.max(1, Math.round(pages / 12))
  const charsPerArticle = (pages * CHARS_PER_PAGE) / articleCount
  const articles: string[] = []
  let editable = { file: '', paragraph: '' }
  for (let a = 1; a <= articleCount; a++) {
    const lines = [`---`, `title: 在全县${pick(topics)}工作会议上的讲话（${a}）`, `subtitle: ${pick(verbs)}${pick(goals)}`, `date: 2026-0${1 + (a % 9)}-1${a % 10}`, `---`, '']
    let written = 0
    let section = 0
    while (written < charsPerArticle) {
      section++
      lines.push(`## ${pick(topics)}，${pick(verbs)}${pick(goals)}`, '')
      for (let sub = 0; sub < 3 && written < charsPerArticle; sub++) {
        lines.push(`### ${pick(verbs)}${pick(goals)}`, '')
        for (let item = 1; item <= 2 && written < charsPerArticle; item++) {
          const body = paragraph(180, 420)
          lines.push(`#### ${item}.${pick(verbs)}${pick(goals)}。${body}`, '')
          const more = paragraph(150, 380)
          lines.push(more, '')
          written += body.length + more.length + 40
          if (a === Math.ceil(articleCount / 2) && section === 1 && sub === 0 && item === 1) editable = { file: '', paragraph: more }
        }
      }
    }
    const name = `${String(a).padStart(3, '0')}.md`
    writeFileSync(join(dir, name), lines.join('\n'))
    if (editable.paragraph && !editable.file) editable.file = join(dir, name)
    articles.push(name)
  }
  writeFileSync(join(dir, 'booklet.yaml'), ['title: 基准测试学习资料汇编', 'publisher: 中共××县委办公室', 'date: 2026-11', 'articles:', ...articles.map((a) => `  - ${a}`), ''].join('\n'))
  return { dir, articles, editable }
}
