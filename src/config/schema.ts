/**
 * The shapes of `booklet.yaml` and of an article's front matter. These valibot schemas are the
 * only definition of both: loaders validate with them, and the README's tables follow them.
 */
import * as v from 'valibot'
import { parseDate } from '../text/chinese-date.ts'

/** A date as authors write it: `2026-11`, `2026-11-05`, `2026年11月5日`. */
const DateText = v.pipe(
  v.string('日期应写成 2026-11 或 2026-11-05'),
  v.trim(),
  v.regex(/^\d{4}(?:[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?月?)?$/, '日期应写成 2026-11 或 2026-11-05'),
  v.check((text) => parseDate(text) !== undefined, '没有这个日期（请检查月份和日子）'),
)

const Text = v.pipe(v.string('应为文字'), v.trim(), v.nonEmpty('不能为空'))

/** Heading numbering modes (src/pipeline/remark/heading-numbers.ts says what each does). */
export const NUMBERING = ['auto', 'renumber', 'keep', 'none'] as const

/** Kept in step with PRESET_LAYOUTS in src/document/styles.ts (a test checks it). */
export const PRESETS = ['a5-booklet', 'gongwen-a4'] as const

export const BookletConfigSchema = v.strictObject(
  {
    title: v.optional(v.pipe(Text, v.description('汇编标题，印在封面上'))),
    subtitle: v.optional(v.pipe(Text, v.description('副标题或丛书名'))),
    publisher: v.optional(v.pipe(Text, v.description('编印单位，印在封面下方，也写入 PDF 作者'))),
    date: v.optional(v.pipe(DateText, v.description('编印日期，封面上以“二〇二六年十一月”形式显示'))),
    notice: v.optional(v.pipe(Text, v.description('封面左上角的提示，如“内部资料　注意保存”'))),
    preset: v.optional(v.picklist(PRESETS, `版式只能是 ${PRESETS.join('、')}`), 'a5-booklet'),
    numbering: v.optional(
      v.pipe(
        v.picklist(NUMBERING, 'numbering 只能是 auto、renumber、keep 或 none'),
        v.description('标题编号：auto 保留原稿的编号、只补确定缺少的（原稿没有编号时自动编号，默认）；renumber 全部重新编号；keep 原样不动；none 去掉编号'),
      ),
      'auto',
    ),
    latinSpacing: v.optional(
      v.pipe(
        v.picklist(['none', 'autospace'], 'latinSpacing 只能是 none 或 autospace'),
        v.description('汉字与西文、数字之间：none 不加空（默认，公文习惯）；autospace 加 1/8 字'),
      ),
      'none',
    ),
    articles: v.optional(
      v.pipe(
        v.array(Text, 'articles 应为文件名列表'),
        v.nonEmpty('articles 不能为空列表'),
        v.description('按顺序排列的文章文件（相对于 booklet.yaml 所在文件夹）'),
      ),
    ),
  },
  '不认识的设置项',
)

export type BookletConfig = v.InferOutput<typeof BookletConfigSchema>

export const ArticleMatterSchema = v.strictObject(
  {
    title: v.optional(Text),
    subtitle: v.optional(Text),
    speaker: v.optional(Text),
    author: v.optional(Text),
    date: v.optional(DateText),
    /** What the date line says besides the date: （2026年3月5日，根据录音整理）. */
    place: v.optional(Text),
    source: v.optional(Text),
    /** An editor's note that stood before the title (现摘录……, 编者按：……), printed small above it. */
    note: v.optional(Text),
    /** 发文字号 (国发〔2026〕5号), printed centred under the title. */
    docNumber: v.optional(Text),
    /** Overrides booklet.yaml's numbering for this article (an import of unnumbered text sets keep). */
    numbering: v.optional(v.picklist(NUMBERING, 'numbering 只能是 auto、renumber、keep 或 none')),
  },
  '不认识的前置信息项',
)

export type ArticleMatter = v.InferOutput<typeof ArticleMatterSchema>
