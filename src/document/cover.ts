import type { Element } from 'hast'
import { h } from 'hastscript'
import type { BookletConfig } from '../config/schema.ts'
import { wordSpans } from '../pipeline/rehype/title-words.ts'
import { formatChineseDate } from '../text/chinese-date.ts'

/** EL-20: notice, title, subtitle, and at the foot the publisher and the date in Chinese numerals (DT-1). */
export function coverElement(config: BookletConfig, title: string): Element {
  return h('section.cover', { id: 'cover' }, [
    config.notice ? h('p.cover-notice', config.notice) : undefined,
    h('h1.cover-title', wordSpans(title)),
    config.subtitle ? h('p.cover-subtitle', config.subtitle) : undefined,
    h('div.cover-foot', [
      config.publisher ? h('p.cover-publisher', config.publisher) : undefined,
      config.date ? h('p.cover-date', formatChineseDate(config.date)) : undefined,
    ]),
  ])
}
