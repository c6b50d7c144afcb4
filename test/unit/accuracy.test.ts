/**
 * Structure accuracy over the corpus of real documents and other formatters' parser cases
 * (issue 17; test/corpus/README.md). `npm run accuracy` prints every difference; this test holds
 * the results to their targets so that a change that reads real documents worse fails CI.
 */
import { describe, expect, it } from 'vitest'
import { measureCases, measureDocuments, measureOfficialDocuments, measureWordDocuments, tally } from '../corpus/measure.ts'

const share = (rows: ReturnType<typeof tally>, element: string) => {
  const row = rows.find((r) => r.element === element)
  return row ? row.right / row.total : 1
}

describe('structure accuracy on material nobody on the team wrote', () => {
  it('reads at least 25 real documents with ≥ 97 % of their title blocks, headings and 落款 right', async () => {
    const results = await measureDocuments()
    expect(results.length).toBeGreaterThanOrEqual(25)
    const rows = tally(results)
    expect(share(rows, '全部')).toBeGreaterThanOrEqual(0.97)
  })

  it('never prints a file name as the title, and prints every typed heading number as typed', async () => {
    const rows = tally(await measureDocuments())
    expect(share(rows, 'file-name-title')).toBe(1)
    expect(share(rows, 'heading-number')).toBe(1)
    expect(rows.find((r) => r.element === 'heading-number')!.total).toBeGreaterThan(300)
  })

  it('reads the same documents made into Word files as offices make them (bold numbered headings, Word numbering, heading styles) as well', async () => {
    const results = await measureWordDocuments()
    expect(results.length).toBeGreaterThanOrEqual(20)
    const rows = tally(results)
    expect(share(rows, '全部')).toBeGreaterThanOrEqual(0.97)
    expect(share(rows, 'heading-number')).toBe(1)
    expect(share(rows, 'file-name-title')).toBe(1)
  })

  it('reads the 版头 and 版记 of real documents in every 公文格式 (下行文, 上行文, 联合行文, 函, 令, 纪要) into front matter, and their structure as well (issue 18)', async () => {
    const results = await measureOfficialDocuments()
    expect(results.length).toBeGreaterThanOrEqual(5)
    const rows = tally(results)
    expect(share(rows, '全部')).toBeGreaterThanOrEqual(0.97)
    for (const field of ['issuer', 'docNumber', 'format', 'present', 'absent', 'attending', 'signature', 'closingDate']) expect(share(rows, field), field).toBe(1)
  })

  it('gets ≥ 97 % of the paragraph types of other formatters’ published parser cases right', async () => {
    const results = await measureCases()
    expect(results.length).toBeGreaterThanOrEqual(150)
    expect(share(tally(results), '全部')).toBeGreaterThanOrEqual(0.97)
  })
})
