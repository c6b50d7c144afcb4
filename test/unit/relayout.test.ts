/** Issue 6: when a rebuild in a warm page lays out only the edited articles, and when the whole booklet. */
import { describe, expect, it } from 'vitest'
import { changedArticles, RELAYOUTS_PER_DOCUMENT, type ArticlePlan, type LaidOut } from '../../src/render/relayout.ts'

function plan(keys: string[], frameKey = 'frame'): ArticlePlan {
  return { frameKey, ids: keys.map((_, i) => `art-${i + 1}`), keys, frameDocument: () => '', mainOf: () => '', nextId: 'next' }
}

const laidOut = (keys: string[], relayouts = 0): LaidOut => {
  const { frameKey, ids } = plan(keys)
  return { frameKey, ids, keys, relayouts }
}

describe('changedArticles', () => {
  const before = laidOut(['a', 'b', 'c', 'd'])

  it('names the edited articles when fewer than half changed', () => {
    expect(changedArticles(before, plan(['a', 'B', 'c', 'd']))).toEqual([1])
    expect(changedArticles(before, plan(['A', 'b', 'c', 'd']))).toEqual([0])
  })

  it('lays out the whole booklet when nothing was laid out yet, or half the articles or more changed', () => {
    expect(changedArticles(undefined, plan(['a', 'B', 'c', 'd']))).toBeUndefined()
    expect(changedArticles(before, plan(['A', 'B', 'c', 'd']))).toBeUndefined()
    expect(changedArticles(laidOut(['a']), plan(['A']))).toBeUndefined()
  })

  it('lays out the whole booklet when the frame (styles, cover, 目录) or the list of articles changed', () => {
    expect(changedArticles(before, plan(['a', 'B', 'c', 'd'], 'other frame'))).toBeUndefined()
    expect(changedArticles(before, plan(['a', 'B', 'c', 'd', 'e']))).toBeUndefined()
  })

  it('finds nothing to lay out when nothing changed', () => {
    expect(changedArticles(before, plan(['a', 'b', 'c', 'd']))).toBeUndefined()
  })

  it('lays out the whole booklet once a page has taken its share of single articles', () => {
    expect(changedArticles(laidOut(['a', 'b', 'c', 'd'], RELAYOUTS_PER_DOCUMENT - 1), plan(['a', 'B', 'c', 'd']))).toEqual([1])
    expect(changedArticles(laidOut(['a', 'b', 'c', 'd'], RELAYOUTS_PER_DOCUMENT), plan(['a', 'B', 'c', 'd']))).toBeUndefined()
  })
})
