/** The parts of a speech set apart from body text (TP-7, EL-15, GB/T 9704 7.3.5). */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { articleToHtml } from '../../src/pipeline/processor.ts'

const html = (value: string) => articleToHtml(new VFile({ path: '/m/speech.md', value }), 'art-1')

describe('speech parts', () => {
  it('sets the salutation flush left, only as the first paragraph', async () => {
    const out = await html('# 讲话\n\n同志们：\n\n今天开会。\n\n各位代表：\n')
    expect(out).toContain('<p class="salutation">同志们：</p>')
    expect(out).toContain('<p>各位代表：</p>')
    expect(await html('# 讲话\n\n关于今年的工作，我讲三点意见：\n')).not.toContain('salutation')
  })

  it('sets signature and date in one block, the date starting 2 字 right of the signature (GB/T 9704 7.3.5.2)', async () => {
    const out = await html('# 通知\n\n正文。\n\n中共××县委组织部\n\n2026年3月5日\n')
    // The block is as wide as the longer line and set 2 字 in from the right (base.css): no widths guessed here.
    expect(out).toContain('<div class="closing"><div class="closing-names unsealed has-signature"><p class="signature">中共××县委组织部</p><p class="closing-date">2026年3月5日</p></div></div>')
  })

  it('keeps a date in Chinese numerals as written in a booklet, and a date alone as its own block', async () => {
    const out = await html('# 通知\n\n正文。\n\n县委办\n\n二〇二六年三月五日\n')
    expect(out).toContain('<p class="closing-date">二〇二六年三月五日</p>')
    expect(await html('# 讲话\n\n正文。\n\n2026年3月5日\n')).toContain('<div class="closing-names unsealed date-only"><p class="closing-date">2026年3月5日</p></div>')
  })

  it('does not take a last sentence or a date inside text for a closing', async () => {
    expect(await html('# 讲话\n\n谢谢大家！\n\n会议于2026年3月5日召开。\n')).not.toMatch(/signature|closing-date/)
  })

  it('marks the attachments note, and an attachment’s label and title', async () => {
    const out = await html('# 通知\n\n正文。\n\n附件：1.任务清单\\\n2.考核办法\n\n县委办\n\n2026年3月5日\n\n附件1\n\n任务清单\n\n一是学习。\n')
    expect(out).toContain('<p class="attachment-note has-break">附件：1.任务清单<br>\n2.考核办法</p>')
    expect(out).toContain('<p class="attachment-label">附件1</p>')
    expect(out).toContain('<p class="attachment-title after-label">任务清单</p>')
    // The closing is the one before the attachment.
    expect(out).toContain('class="signature"')
  })

  it('sets a 主送机关 line flush left, and finds the 落款 before back matter and before the document a notice issues (issue 17)', async () => {
    const out = await html('# 通知\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n现将《方案》印发给你们，请认真贯彻执行。\n\n国务院\n\n2019年1月24日\n\n（此件公开发布）\n\n国家职业教育改革实施方案\n\n职业教育与普通教育是两种不同教育类型。\n')
    expect(out).toContain('<p class="salutation">各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>')
    expect(out).toMatch(/<p class="signature"[^>]*>国务院<\/p>/)
    expect(out).toMatch(/<p class="closing-date"[^>]*>2019年1月24日<\/p>/)
    expect(out).toContain('<p class="attachment-title attachment-start">国家职业教育改革实施方案</p>')
  })

  it('marks 附件 typed without its colon, the names on the lines below, as the attachments note', async () => {
    expect(await html('# 通知\n\n正文。\n\n附件\\\n1.报名表\\\n2.汇总表\n')).toContain('<p class="attachment-note has-break">附件<br>')
  })
})
