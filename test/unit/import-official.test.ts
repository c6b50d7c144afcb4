/**
 * Issue 18: the 版头 and 版记 of a pasted official document are read into the same front matter
 * an author writes for gongwen-a4 — the six reference documents of test/fixtures/gongwen (their
 * .txt as pasted, their .md as built), and the lines one by one.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { importPlainText } from '../../src/import/plain-text.ts'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/gongwen')
/** What the text itself says (layout choices such as headTop and seal are the author's). */
const FROM_TEXT = ['title', 'format', 'issuer', 'mark', 'docNumber', 'signers', 'copyNumber', 'secrecy', 'urgency', 'remarks', 'keywords', 'cc', 'printer', 'printDate', 'present', 'absent', 'attending']

function frontMatter(markdown: string): Record<string, unknown> {
  return parse(/^---\n([\s\S]*?)\n---/u.exec(markdown)![1]!) as Record<string, unknown>
}

const pick = (matter: Record<string, unknown>) => Object.fromEntries(FROM_TEXT.filter((k) => matter[k] !== undefined).map((k) => [k, matter[k]]))

describe('pasted official documents come out with their 版头 and 版记 as front matter', () => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4))

  it('has the six reference documents (下行文, 上行文, 联合行文, 信函, 命令, 纪要)', () => {
    expect(names.sort()).toEqual(['jiyao-dongke', 'lianhe-huaxuewuqi', 'mingling-706', 'shangxing-xizangban', 'xiaxing-jiejiari', 'xinhan-dayundong'])
  })

  for (const name of ['jiyao-dongke', 'lianhe-huaxuewuqi', 'mingling-706', 'shangxing-xizangban', 'xiaxing-jiejiari', 'xinhan-dayundong']) {
    it(`${name}: the pasted text gives the reference manuscript's front matter`, () => {
      const imported = importPlainText(readFileSync(join(FIXTURES, `${name}.txt`), 'utf8'), name)
      const wanted = frontMatter(readFileSync(join(FIXTURES, `${name}.md`), 'utf8'))
      expect(pick(frontMatter(imported.markdown))).toEqual(pick(wanted))
    })
  }

  const matterOf = (text: string) => frontMatter(importPlainText(text, 'x').markdown)

  it('reads 份号, 密级, 紧急程度, the mark, the 发文字号 with its 签发人, and leaves them out of the text', () => {
    const text = ['000012', '机密★3年', '加急', '××省教育厅文件', '×教发〔2026〕7号　　签发人：王五　赵六', '关于开展课程改革试点工作的请示', '省人民政府：', '为深化课程改革，拟开展试点工作。', '妥否，请批示。', '××省教育厅', '2026年3月5日'].join('\n')
    const imported = importPlainText(text, 'x')
    expect(frontMatter(imported.markdown)).toMatchObject({ title: '关于开展课程改革试点工作的请示', copyNumber: '000012', secrecy: '机密★3年', urgency: '加急', issuer: '××省教育厅', docNumber: '×教发〔2026〕7号', signers: ['王五', '赵六'] })
    const body = imported.markdown.replace(/^---\n[\s\S]*?\n---\n/u, '')
    expect(body).not.toMatch(/000012|机密|加急|文件|签发人|〔2026〕/u)
    expect(imported.notes.filter((n) => n.rule === 'import-official-head').map((n) => n.line)).toEqual([1, 2, 3, 4, 5])
  })

  it('reads joint issuers over 文件, a 令 with its number, a 纪要 with its 期号 and a 函 under its issuer', () => {
    expect(matterOf('中共××县委\n××县人民政府\n文件\n×发〔2026〕1号\n关于做好春耕生产的通知\n各乡镇：\n请认真做好春耕生产工作。\n中共××县委　××县人民政府\n2026年3月1日')).toMatchObject({ issuer: ['中共××县委', '××县人民政府'], docNumber: '×发〔2026〕1号' })
    expect(matterOf('中华人民共和国国务院令\n第706号\n《专利代理条例》已经国务院常务会议修订通过，现予公布。\n总理　　李克强\n2018年11月6日')).toMatchObject({ format: '命令', issuer: '中华人民共和国国务院', docNumber: '第706号' })
    expect(matterOf('××县人民政府常务会议纪要\n第5期\n县政府第5次常务会议纪要\n会议研究了春耕生产工作。\n出席：张三，李四\n请假：王五')).toMatchObject({ format: '纪要', mark: '××县人民政府常务会议纪要', docNumber: '第5期', present: '张三，李四', absent: '王五' })
    expect(matterOf('国务院办公厅\n国办函〔2024〕55号\n国务院办公厅关于同意建立联席会议制度的函\n发展改革委：\n同意建立联席会议制度。\n国务院办公厅\n2024年5月20日')).toMatchObject({ format: '信函', issuer: '国务院办公厅', docNumber: '国办函〔2024〕55号' })
  })

  it('reads 主题词, 抄送 and the 印发 line at the end, and the 附注 under the date', () => {
    const matter = matterOf('关于做好春耕生产的通知\n各乡镇：\n请认真做好春耕生产工作。\n××县农业农村局\n2026年3月1日\n（此件公开发布）\n主题词：农业　春耕　通知\n抄送：县委办公室，县政府办公室。\n××县农业农村局办公室　　2026年3月2日印发')
    expect(matter).toMatchObject({ remarks: '（此件公开发布）', keywords: '农业　春耕　通知', cc: '县委办公室，县政府办公室', printer: '××县农业农村局办公室', printDate: '2026-03-02' })
  })

  it('takes nothing for a 版头 that is not one: a speech opening with a name, a line of digits in the text', () => {
    const matter = matterOf('在全县工作会议上的讲话\n张三\n同志们：\n今年全县生产总值增长\n123456\n元，比上年提高。')
    expect(matter).not.toHaveProperty('issuer')
    expect(matter).not.toHaveProperty('copyNumber')
    expect(matter).toMatchObject({ title: '在全县工作会议上的讲话' })
  })
})
