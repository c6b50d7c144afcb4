/** A .md speech without # headings is structured like a .txt (issue 17, "What must hold" 8). */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importToMarkdown } from '../../src/import-command.ts'
import { importMarkdownText, needsStructure } from '../../src/import/markdown-text.ts'
import { loadManuscript } from '../../src/manuscript/load-manuscript.ts'

const SPEECH = ['在全县工作会议上的讲话', '', '同志们：', '', '今天的会议**很重要**，请大家认真学习。', '一、总体要求', '要坚持稳中求进，推动高质量发展。', '二、重点任务', '今年要抓好三件事，有句号。'].join('\n')
const headings = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('#'))

describe('Markdown without # headings', () => {
  it('is structured when it has 公文 numbered lines and no heading, and left alone otherwise', () => {
    expect(needsStructure(SPEECH)).toBe(true)
    expect(needsStructure(`# 题\n\n${SPEECH}`)).toBe(false)
    expect(needsStructure('题\n\n一、只有一行编号\n\n正文。')).toBe(false)
    expect(needsStructure('题\n\n正文，有句号。\n\n又一段。')).toBe(false)
  })

  it('reads the title block, the headings line by line and keeps the Markdown (bold) as written', () => {
    const result = importMarkdownText(SPEECH, '讲话')
    expect(result.matter.title).toBe('在全县工作会议上的讲话')
    expect(headings(result.markdown)).toEqual(['## 一、总体要求', '## 二、重点任务'])
    expect(result.markdown).toContain('今天的会议**很重要**，请大家认真学习。')
    expect(result.lineMap[result.markdown.split('\n').indexOf('## 二、总体要求'.replace('二', '一'))]).toBe(6)
  })

  it('keeps the author’s front matter over every guess', () => {
    const result = importMarkdownText(`---\ntitle: 作者自己的标题\nspeaker: 县长　张三\n---\n${SPEECH}`, '讲话')
    expect(result.matter).toMatchObject({ title: '作者自己的标题', speaker: '县长　张三' })
    expect(result.markdown.startsWith('---\ntitle: 作者自己的标题\n')).toBe(true)
    expect(headings(result.markdown)).toEqual(['## 一、总体要求', '## 二、重点任务'])
  })
})

describe('in a manuscript folder and with booklet import', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('is structured on the fly, with a message that says so at line 1', async () => {
    dir = await mkdtemp(join(tmpdir(), 'booklet-md-'))
    await writeFile(join(dir, '讲话.md'), SPEECH)
    const { articles } = await loadManuscript('.', dir)
    expect(articles[0]!.data.imported).toBeDefined()
    expect(headings(String(articles[0]!.value))).toEqual(['## 一、总体要求', '## 二、重点任务'])
    expect(articles[0]!.messages[0]).toMatchObject({ line: 1, ruleId: 'import-markdown' })
  })

  it('is written by booklet import next to the original, which stays as it is', async () => {
    dir = await mkdtemp(join(tmpdir(), 'booklet-md-'))
    await writeFile(join(dir, '讲话.md'), SPEECH)
    const result = await importToMarkdown('讲话.md', { cwd: dir })
    expect(result.written).toBe('讲话-导入.md')
    expect(await readFile(join(dir, '讲话.md'), 'utf8')).toBe(SPEECH)
    expect(headings(await readFile(join(dir, '讲话-导入.md'), 'utf8'))).toEqual(['## 一、总体要求', '## 二、重点任务'])
    await expect(importToMarkdown('讲话-导入.md', { cwd: dir })).rejects.toThrow('不需要导入')
  })
})
