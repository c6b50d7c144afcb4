import { makeDocx } from '/work/main/test/helpers/make-docx.ts'
import { docxToBlocks } from '/work/main/src/import/docx.ts'
import { structureToMarkdown } from '/work/main/src/import/structure.ts'
import mammoth from 'mammoth'
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const buf = await makeDocx([
  { heading: 'title', text: '关于加强基层党建工作的通知' },
  { heading: 1, text: '一、总体要求' },
  { heading: 2, text: '指导思想' },
  { runs: [{ text: '要旗帜鲜明讲政治。', bold: true }, { text: '始终把党的政治建设摆在首位', footnote: 1 }, { text: '。' }] },
  { table: [['项目', '责任单位'], ['学习', '组织部']] },
  { image: png },
  '二、重点任务',
  '今年要重点抓好三件事，有句号。',
], { 1: '见《中国共产党章程》。' })
console.log((await mammoth.convertToHtml({ buffer: buf })).value)
const { blocks, notes } = await docxToBlocks(buf)
const r = structureToMarkdown(blocks)
console.log(r.markdown); console.log([...notes, ...r.notes])
