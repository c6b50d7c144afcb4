/** Small helpers for looking into hast trees in unit tests (no selector engine installed). */
import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'

export function classesOf(node: Element): string[] {
  const value: unknown = node.properties?.className
  if (Array.isArray(value)) return value.map(String)
  return typeof value === 'string' ? value.split(' ') : []
}

/** Every element, in document order, for which `test` holds. */
export function findAll(tree: Root | Element, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}

export const byTag = (tagName: string) => (node: Element) => node.tagName === tagName
export const byClass = (className: string) => (node: Element) => classesOf(node).includes(className)
