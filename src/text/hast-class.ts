/** Class names on hast elements, for the rehype plugins that give elements their roles. */
import type { Element } from 'hast'

/** The element's class names (hast keeps them as an array once parsed, a string where written by hand). */
export function classesOf(element: Element): string[] {
  const current: unknown = element.properties?.className
  return Array.isArray(current) ? current.map(String) : typeof current === 'string' ? current.split(/\s+/u).filter(Boolean) : []
}

/** Adds class names, each once. */
export function addClass(element: Element, ...names: string[]): void {
  element.properties = { ...element.properties, className: [...new Set([...classesOf(element), ...names])] }
}
