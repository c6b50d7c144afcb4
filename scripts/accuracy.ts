/**
 * npm run accuracy [-- --only TEXT] [--quiet]: how well imported real documents come out
 * (issue 17). Prints each element's accuracy over test/corpus and every difference.
 */
import { parseArgs } from 'node:util'
import { measureCases, measureDocuments, measureOfficialDocuments, measureWordDocuments, tally, type Result } from '../test/corpus/measure.ts'

const { values } = parseArgs({ options: { only: { type: 'string' }, quiet: { type: 'boolean', default: false } } })

function report(heading: string, results: Result[]): void {
  console.log(`\n## ${heading}（${results.length} 项）`)
  if (!values.quiet) {
    for (const { item, checks } of results) {
      const wrong = checks.filter((c) => !c.ok)
      if (wrong.length === 0) continue
      console.log(`\n${item}：${wrong.length} 处不对`)
      for (const check of wrong) console.log(`  - ${check.what}`)
    }
  }
  console.log('')
  for (const { element, right, total } of tally(results)) {
    console.log(`${element.padEnd(18)} ${String(right).padStart(5)} / ${String(total).padEnd(5)} ${((100 * right) / total).toFixed(1)} %`)
  }
}

report('真实文稿（test/corpus/documents）', await measureDocuments(values.only))
report('同样的文稿做成 Word 文件（加粗的编号标题、Word 自动编号、标题样式）', await measureWordDocuments(values.only))
report('各种格式的真实公文：版头、版记和结构（test/corpus/official）', await measureOfficialDocuments(values.only))
report('其他排版工具的解析用例（test/corpus/cases）', await measureCases(values.only))
