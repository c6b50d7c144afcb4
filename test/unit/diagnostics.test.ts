import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { formatDiagnostic, severityOf, SOURCE, toDiagnostics } from '../../src/diagnostics.ts'

describe('formatDiagnostic', () => {
  it('writes file:line:col  错误：message  [rule]', () => {
    expect(
      formatDiagnostic({ file: 'a.md', line: 3, column: 5, message: '标题不一致', rule: 'title-mismatch', severity: 'error' }),
    ).toBe('a.md:3:5  错误：标题不一致  [title-mismatch]')
  })

  it('labels warnings 警告 and infos 提示', () => {
    expect(formatDiagnostic({ file: 'a.md', line: 1, column: 1, message: 'm', severity: 'warning' })).toBe('a.md:1:1  警告：m')
    expect(formatDiagnostic({ file: 'a.md', line: 1, column: 1, message: 'm', severity: 'info' })).toBe('a.md:1:1  提示：m')
  })

  it('leaves out the rule when there is none', () => {
    expect(formatDiagnostic({ file: 'a.md', line: 2, column: 1, message: 'm', severity: 'error' })).toBe('a.md:2:1  错误：m')
  })

  it('leaves out the column without a line, and both when there is no place', () => {
    expect(formatDiagnostic({ file: 'a.md', line: 2, message: 'm', severity: 'error' })).toBe('a.md:2  错误：m')
    expect(formatDiagnostic({ file: 'a.md', column: 4, message: 'm', severity: 'error' })).toBe('a.md  错误：m')
    expect(formatDiagnostic({ file: 'a.md', message: 'm', rule: 'r', severity: 'error' })).toBe('a.md  错误：m  [r]')
  })
})

describe('toDiagnostics / severityOf', () => {
  it('maps fatal → error, non-fatal → warning, info → info, with place and rule', () => {
    const file = new VFile({ path: '/x/a.md', value: '' })
    const error = file.message('坏', { place: { line: 4, column: 2 }, source: SOURCE, ruleId: 'front-matter' })
    error.fatal = true
    file.message('注意', { place: { line: 7, column: 1 }, ruleId: 'single-title' })
    file.info('顺便')
    file.message('先', { place: { line: 4, column: 1 }, ruleId: 'later-rule' })
    expect(severityOf(error)).toBe('error')
    // In reading order, whatever order the plugins emitted them in; the whole file's first.
    expect(toDiagnostics(file, 'a.md')).toEqual([
      { file: 'a.md', message: '顺便', severity: 'info' },
      { file: 'a.md', line: 4, column: 1, message: '先', rule: 'later-rule', severity: 'warning' },
      { file: 'a.md', line: 4, column: 2, message: '坏', rule: 'front-matter', severity: 'error' },
      { file: 'a.md', line: 7, column: 1, message: '注意', rule: 'single-title', severity: 'warning' },
    ])
  })
})
