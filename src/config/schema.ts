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

/** One name or several (joint issuers, 签发人, 抄送机关): a YAML list or one line. */
const Names = v.union([Text, v.pipe(v.array(Text, '应为名称或名称列表'), v.nonEmpty('不能为空列表'))], '应为名称或名称列表')

/** GB/T 9704-2012: 文件格式 (7), 信函格式 (10.1), 命令格式 (10.2), 纪要格式 (10.3). */
export const OFFICIAL_FORMATS = ['文件', '信函', '命令', '纪要'] as const

/**
 * What an official document (gongwen-a4) prints around its text: the 版头 (GB/T 9704 7.2), the
 * 落款 arrangement (7.3.5), the 附注 (7.3.6), the 版记 (7.4) and the lists of a 纪要 (10.3).
 * The same keys serve an article's front matter and, as an office's defaults, booklet.yaml's
 * `official` (an article's own value wins).
 */
const OFFICIAL_ENTRIES = {
  format: v.optional(v.pipe(v.picklist(OFFICIAL_FORMATS, `format 只能是 ${OFFICIAL_FORMATS.join('、')}`), v.description('公文格式：文件（默认）、信函、命令、纪要'))),
  issuer: v.optional(v.pipe(Names, v.description('发文机关（联合行文写成列表，主办机关在前），印成红色发文机关标志'))),
  mark: v.optional(v.pipe(Text, v.description('发文机关标志的全部文字，不按 format 自动组成时用（如“国务院常务会议纪要”）'))),
  copyNumber: v.optional(
    v.pipe(
      v.string('份号应为数字'),
      v.trim(),
      v.regex(/^\d{1,6}$/u, '份号应为 1 到 6 位数字'),
      v.transform((digits) => digits.padStart(6, '0')),
      v.description('份号，印成 6 位数字'),
    ),
  ),
  secrecy: v.optional(v.pipe(Text, v.description('密级和保密期限，如“秘密★1年”'))),
  urgency: v.optional(v.pipe(Text, v.description('紧急程度，如“特急”“加急”'))),
  signers: v.optional(v.pipe(Names, v.description('签发人（上行文），发文字号居左、签发人居右'))),
  headTop: v.optional(
    v.pipe(
      v.string('headTop 应为毫米数'),
      v.trim(),
      v.regex(/^\d{1,3}(?:\.\d+)?(?:\s*mm)?$/u, 'headTop 应为毫米数，如 35 或 80'),
      v.transform((text) => Number.parseFloat(text)),
      v.maxValue(150, 'headTop 不能大于 150'),
      v.description('版心上边缘到发文机关标志的距离（毫米，默认 35；上行文常用 80）'),
    ),
  ),
  seal: v.optional(
    v.pipe(
      v.picklist(['true', 'false', '是', '否'], 'seal 只能是 true 或 false'),
      v.transform((text) => text === 'true' || text === '是'),
      v.description('true：加盖印章的落款（成文日期右空四字，署名以日期居中）；默认 false：不加盖印章（署名右空二字）'),
    ),
  ),
  remarks: v.optional(v.pipe(Text, v.description('附注，印在成文日期下一行，加圆括号'))),
  keywords: v.optional(v.pipe(Text, v.description('主题词（旧式公文的版记要素）'))),
  cc: v.optional(v.pipe(Names, v.description('抄送机关，印在版记'))),
  printer: v.optional(v.pipe(Text, v.description('印发机关，印在版记'))),
  printDate: v.optional(v.pipe(DateText, v.description('印发日期'))),
  present: v.optional(v.pipe(Names, v.description('纪要：出席人员'))),
  absent: v.optional(v.pipe(Names, v.description('纪要：请假人员'))),
  attending: v.optional(v.pipe(Names, v.description('纪要：列席人员'))),
}

export const OfficialSchema = v.strictObject(OFFICIAL_ENTRIES, (issue) =>
  issue.expected === 'never' ? '不认识的公文设置项' : 'official 下应是几行“名称: 值”（每行缩进两格），如“  issuer: ××县人民政府”',
)
export type Official = v.InferOutput<typeof OfficialSchema>

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
    official: v.optional(v.pipe(OfficialSchema, v.description('公文版式（gongwen-a4）的单位默认值：发文机关、印发机关、落款方式等，各篇前置信息可另写'))),
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
    ...OFFICIAL_ENTRIES,
  },
  '不认识的前置信息项',
)

export type ArticleMatter = v.InferOutput<typeof ArticleMatterSchema>
