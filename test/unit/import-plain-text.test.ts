import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText, importPlainText } from '../../src/import/plain-text.ts'

const sample = readFileSync(join(import.meta.dirname, '../fixtures/import/party-work-meeting-speech.txt'), 'utf8')

describe('plain text import', () => {
  it('turns the sample speech into a title and three level-1 headings although only one is numbered', () => {
    const result = importPlainText(sample)
    expect(result.title).toBe('在全县党务工作会议上的讲话')
    expect(result.markdown.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '## 坚持党的领导，牢牢把握党务工作新要求',
      '## 二、聚焦中心大局，全面提高党务工作新水平',
      '## 加强组织领导，努力开创党务工作新局面',
    ])
    expect(result.notes.filter((n) => n.rule === 'import-heading').map((n) => n.line)).toEqual([7, 19])
  })

  it('keeps every character of the text', () => {
    const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).join('')
    expect(han(importPlainText(sample).markdown)).toBe(han(sample))
  })

  it('reads four levels of manual numbering, CRLF line ends and leading full-width spaces', () => {
    const text = '标题\r\n\r\n一、总体要求\r\n（一）指导思想\r\n1.坚持党的领导\r\n（1）加强学习\r\n　　正文段落很长，有句号。\r\n'
    const heads = importPlainText(text).markdown.split('\n').filter((l) => l.startsWith('#'))
    expect(heads).toEqual(['## 一、总体要求', '### （一）指导思想', '#### 1.坚持党的领导', '##### （1）加强学习'])
    expect(importPlainText(text).markdown).toContain('\n正文段落很长，有句号。\n')
  })

  it('keeps a numbered line with body text after its first sentence as a (run-in) heading', () => {
    expect(importPlainText('题\n（一）夯实基础。要把基层组织建强，不断提高组织力。\n').markdown).toContain('### （一）夯实基础。要把基层组织建强')
  })

  it('decodes UTF-8 with BOM and GBK, and refuses bytes that are neither', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8, 0xad]))?.text).toBe('中')
    expect(decodeText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ text: '中文', encoding: 'gb18030' })
    expect(decodeText(new Uint8Array([0xff, 0xff, 0xff]))).toBeUndefined()
  })
})
