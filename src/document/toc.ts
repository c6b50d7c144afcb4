import type { Element } from 'hast'
import { h } from 'hastscript'
import type { ArticleOutline } from '../pipeline/types.ts'

/** Levels of headings listed under each article (1 = 一、). */
const TOC_DEPTH = 1

function entry(className: string, id: string, text: string, children?: Element): Element {
  return h(`li.${className}`, [
    h('a', { href: `#${id}` }, [h('span.toc-text', [text, h('span.toc-leader')]), h('span.toc-page')]),
    children,
  ])
}

/** EL-22 / TP-11: every article title and its level-1 headings; numbers are filled in after pagination. */
export function tocElement(outlines: ArticleOutline[]): Element {
  return h('nav.toc', { id: 'toc' }, [
    h('h2.toc-title', '目　录'),
    h(
      'ol',
      outlines.map((article) => {
        const headings = article.headings.filter((x) => x.level <= TOC_DEPTH)
        return entry(
          'toc-article',
          article.id,
          article.title,
          headings.length ? h('ol', headings.map((x) => entry('toc-heading', x.id, x.text))) : undefined,
        )
      }),
    ),
  ])
}
