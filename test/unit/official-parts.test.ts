/**
 * Issue 18: what an official document prints around its text, from its front matter and
 * booklet.yaml's `official` defaults — the 版头 in gongwen-a4 only; 附注, 纪要 lists and 版记 in
 * any layout; the settings checked with messages that name the line.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { ArticleMatterSchema, BookletConfigSchema } from '../../src/config/schema.ts'
import { parseYamlData } from '../../src/config/yaml-data.ts'
import { articleToHtml, type ArticleOptions } from '../../src/pipeline/processor.ts'

const OFFICIAL: ArticleOptions = { official: {}, officialLayout: true }
const html = (value: string, options: ArticleOptions = OFFICIAL) => articleToHtml(new VFile({ path: '/m/doc.md', value }), 'art-1', options)
const doc = (matter: string, body = '各乡镇：\n\n请认真做好工作。\n\n××县人民政府\n\n二〇二六年三月一日\n') => `---\ntitle: 关于做好春耕生产的通知\n${matter}\n---\n\n${body}`

describe('the 版头 (GB/T 9704 7.2, §10)', () => {
  it('composes the mark of each format: XX文件, joint names with 文件 beside them, a letter’s issuer, XX令, a 纪要 mark', async () => {
    expect(await html(doc('issuer: ××县人民政府'))).toContain('<span class="doc-mark-name">××县人民政府文件</span>')
    const joint = await html(doc('issuer: [中共××县委, ××县人民政府]'))
    expect(joint).toContain('<span class="doc-mark-names"><span class="doc-mark-name">中共××县委</span><span class="doc-mark-name">××县人民政府</span></span><span class="doc-mark-word">文件</span>')
    expect(joint).toContain('--mark-lines: 2')
    expect(await html(doc('issuer: [国务院办公厅, 中央军委办公厅]\nformat: 信函'))).toMatch(/doc-head-letter.*<span class="doc-mark-name">国务院办公厅<\/span><\/span><\/div>/su)
    expect(await html(doc('issuer: 中华人民共和国国务院\nformat: 命令\ndocNumber: 第706号'))).toContain('<span class="doc-mark-name">中华人民共和国国务院令</span>')
    expect(await html(doc('format: 纪要\nmark: ××县人民政府常务会议纪要'))).toContain('<span class="doc-mark-name">××县人民政府常务会议纪要</span>')
  })

  it('narrows a mark too long for the 版心 (Word’s 字符缩放) and only then makes it smaller', async () => {
    expect(await html(doc('issuer: ××县人民政府'))).toContain('--mark-size: 42pt; --mark-scale: 1;')
    // 中华人民共和国国务院令: 11 字 of 42 pt are 163 mm, narrowed to 156 mm.
    expect(await html(doc('issuer: 中华人民共和国国务院\nformat: 命令'))).toMatch(/--mark-size: 42pt; --mark-scale: 0\.95\d*;/u)
    const long = await html(doc('mark: 中国共产党××省××市××县委员会办公室关于工作的纪要\nformat: 纪要'))
    expect(long).toMatch(/--mark-scale: 0\.6;/u)
    expect(Number(/--mark-size: ([\d.]+)pt/u.exec(long)![1])).toBeLessThan(42)
  })

  it('puts the 发文字号 in the 版头 when there is one, under the title when there is none; flags and 签发人 in order', async () => {
    const head = await html(doc('issuer: ××县人民政府\ndocNumber: ×政发〔2026〕1号\ncopyNumber: "12"\nsecrecy: 秘密★1年\nurgency: 特急\nsigners: [张三, 李四, 王五]'))
    expect(head).toMatch(/<p class="doc-copy-number">000012<\/p><p class="doc-secrecy">秘密★1年<\/p><p class="doc-urgency">特急<\/p>/u)
    expect(head).toContain('<p class="doc-number">×政发〔2026〕1号</p>')
    expect(head).toContain('--signer-rows: 2')
    expect(head).toContain('<span class="doc-signer-names two-columns"><span class="doc-signer">张三</span>')
    expect(head).not.toContain('article-doc-number')
    expect(await html(doc('docNumber: ×政发〔2026〕1号'))).toContain('<p class="article-doc-number">×政发〔2026〕1号</p>')
  })

  it('prints the 发文字号 with 〔〕 and no leading zeros (7.2.5), a 令号 as written', async () => {
    expect(await html(doc('issuer: ××县人民政府\ndocNumber: ×政发[2026]05号'))).toContain('<p class="doc-number">×政发〔2026〕5号</p>')
    expect(await html(doc('issuer: ××县人民政府\ndocNumber: ×政发（2026）012 号'))).toContain('<p class="doc-number">×政发〔2026〕12号</p>')
    expect(await html(doc('issuer: 中华人民共和国国务院\nformat: 命令\ndocNumber: 第706号'))).toContain('<p class="doc-number">第706号</p>')
  })

  it('takes the office’s defaults from booklet.yaml; the article’s own values win', async () => {
    const out = await html(doc('printDate: 2026-03-02'), { official: { issuer: '××县人民政府', printer: '××县人民政府办公室', seal: true }, officialLayout: true })
    expect(out).toContain('××县人民政府文件')
    expect(out).toContain('<span class="colophon-printer">××县人民政府办公室</span><span class="colophon-print-date">2026年3月2日印发</span>')
    expect(out).toContain('closing-names sealed')
    expect(await html(doc('issuer: ××县农业农村局'), { official: { issuer: '××县人民政府' }, officialLayout: true })).toContain('××县农业农村局文件')
  })

  it('prints no 版头 in a booklet, but keeps the 附注, the lists and the 版记 there; the date stays as typed', async () => {
    const out = await html(doc('issuer: ××县人民政府\nremarks: 此件公开发布\ncc: [县委办公室, 县人大办公室]\npresent: 张三，李四'), { official: {}, officialLayout: false })
    expect(out).not.toContain('doc-head')
    expect(out).toContain('<p class="doc-remarks">（此件公开发布）</p>')
    expect(out).toContain('<span class="colophon-text">县委办公室，县人大办公室。</span>')
    expect(out).toContain('<span class="doc-attendance-label">出席：</span>')
    expect(out).toContain('二〇二六年三月一日')
  })
})

describe('the 主体 and 版记 (7.3, 7.4)', () => {
  it('writes the 成文日期 in Arabic numerals and arranges the 落款 for a seal or a 命令', async () => {
    const plain = await html(doc('issuer: ××县人民政府'))
    expect(plain).toContain('<div class="closing-names unsealed has-signature"><p class="signature">××县人民政府</p><p class="closing-date">2026年3月1日</p></div>')
    expect(await html(doc('issuer: ××县人民政府\nseal: true'))).toContain('closing-names sealed has-signature')
    expect(await html(doc('issuer: 中华人民共和国国务院\nformat: 命令', '《××条例》现予公布。\n\n总理　李强\n\n2024年3月15日\n'))).toContain('closing-names order has-signature')
  })

  it('sets the 附注 in brackets after the date, inside the 落款 block', async () => {
    expect(await html(doc('remarks: （联系人：张三）'))).toContain('<p class="closing-date">2026年3月1日</p></div><p class="doc-remarks">（联系人：张三）</p></div>')
  })

  it('builds the 版记 of 主题词, 抄送 and 印发, ending 抄送 with a full stop; a letter’s without 印发', async () => {
    const out = await html(doc('keywords: 农业　通知\ncc: 县委办公室，县人大办公室。\nprinter: ××县人民政府办公室\nprintDate: 2026-03-02'))
    expect(out).toContain('<div class="colophon"><p class="colophon-item colophon-keywords"><span class="colophon-label">主题词：</span><span class="colophon-text">农业　通知</span></p><p class="colophon-item colophon-cc"><span class="colophon-label">抄送：</span><span class="colophon-text">县委办公室，县人大办公室。</span></p><p class="colophon-item colophon-print">')
    const letter = await html(doc('format: 信函\nissuer: ××县人民政府\ncc: 县委办公室\nprinter: ××县人民政府办公室\nprintDate: 2026-03-02'))
    expect(letter).toContain('<div class="colophon colophon-letter">')
    expect(letter).not.toContain('印发')
  })
})

describe('the settings are checked, with the line', () => {
  it('refuses a bad 份号, headTop, seal or format, and an unknown key under official', () => {
    const matter = (text: string) => parseYamlData(text, ArticleMatterSchema)
    expect(matter('copyNumber: "1234567"')).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('份号应为 1 到 6 位数字') }] })
    expect(matter('headTop: 三十五')).toMatchObject({ ok: false, problems: [{ line: 1, message: expect.stringContaining('headTop 应为毫米数') }] })
    expect(matter('seal: 盖章')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('seal 只能是 true 或 false') }] })
    expect(matter('format: 通知')).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('format 只能是 文件、信函、命令、纪要') }] })
    expect(matter('headTop: 80mm')).toMatchObject({ ok: true, value: { headTop: 80 } })
    expect(parseYamlData('official:\n  issuer: ××县人民政府\n  isuer: 错\n', BookletConfigSchema)).toMatchObject({ ok: false, problems: [{ line: 3 }] })
  })
})
