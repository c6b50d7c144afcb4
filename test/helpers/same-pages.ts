/** Compares two booklets as a reader sees them (a relayout or a layout in two tabs against a whole one). */
import { expect } from 'vitest'
import { pageImages, pageLinks, pageTexts, readOutline } from './pdf.ts'

/** The same booklet: every page drawn alike, the same text, the same bookmarks and links. */
export async function expectSamePages(pdf: string, expected: string): Promise<void> {
  expect(pageTexts(pdf)).toEqual(pageTexts(expected))
  const images = pageImages(pdf)
  const wanted = pageImages(expected)
  expect(images.length).toBe(wanted.length)
  expect(images.map((image, i) => (image.equals(wanted[i]!) ? '' : `page ${i + 1}`)).filter(Boolean)).toEqual([])
  expect((await readOutline(pdf)).items).toEqual((await readOutline(expected)).items)
  expect(await pageLinks(pdf)).toEqual(await pageLinks(expected))
}
