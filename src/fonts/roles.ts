/**
 * The five font roles of a Chinese official-style booklet (typography.md §8, FN-1) and the
 * faces that fill them. Each role is one CSS custom property whose stack lists the official
 * system fonts first (used where installed, e.g. on office Windows machines) and then the open
 * font this project ships or installs from npm, so a fresh machine still gets four distinct
 * Chinese faces, embedded as TrueType (never Type 3).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PROJECT_ROOT } from '../project-root.ts'

export type RoleName = 'xbs' | 'hei' | 'kai' | 'fs' | 'song'

/** A font the project brings itself, served to the page under `/_booklet/fonts/<id>/`. */
export interface OpenFont {
  id: string
  family: string
  weight: number
  /** Folder on disk that `/_booklet/fonts/<id>/` maps to. */
  dir: string
  /** A single font file in `dir` (else the faces are the slices named in `css`). */
  file?: string
  /** `@font-face` rules with URLs relative to `/_booklet/fonts/<id>/`. */
  css: () => Promise<string>
}

export interface FontRole {
  name: RoleName
  label: string
  cssVar: string
  system: string[]
  open: OpenFont
  /** Last resort for characters the open font lacks: same style, wide coverage (FN-5). */
  fallback: string
}

const require = createRequire(import.meta.url)

function fontsource(pkg: string, family: string, weight: number, cssFile: string): OpenFont {
  const dir = dirname(require.resolve(`@fontsource/${pkg}/package.json`))
  const id = `${pkg}-${weight}`
  return {
    id,
    family,
    weight,
    dir,
    css: async () =>
      (await readFile(join(dir, cssFile), 'utf8'))
        // The page must not lay out text before the face is there (FN-6).
        .replaceAll('font-display: swap', 'font-display: block')
        .replaceAll('url(./', `url(/_booklet/fonts/${id}/`),
  }
}

/**
 * Fandol faces converted to TrueType outlines (scripts/make-fandol-ttf.mjs): full GB2312,
 * full-width punctuation and the `halt` feature that text-spacing-trim needs.
 */
function fandol(family: string, file: string): OpenFont {
  return {
    id: family.toLowerCase(),
    family,
    weight: 400,
    dir: join(PROJECT_ROOT, 'fonts/fandol'),
    file,
    css: async () =>
      `@font-face { font-family: '${family}'; font-style: normal; font-weight: 400; font-display: block;` +
      ` src: url(/_booklet/fonts/${family.toLowerCase()}/${file}) format('truetype'); }\n`,
  }
}

export const ROLES: FontRole[] = [
  {
    name: 'xbs',
    label: '小标宋',
    cssVar: '--f-xbs',
    system: ['FZXiaoBiaoSong-B05S', '方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05', 'STZhongsong', '华文中宋'],
    open: fontsource('noto-serif-sc', 'Noto Serif SC', 700, '700.css'),
    fallback: 'Noto Serif SC',
  },
  {
    name: 'hei',
    label: '黑体',
    cssVar: '--f-hei',
    system: ['SimHei', '黑体', 'FZHei-B01S', '方正黑体简体', 'Heiti SC', 'STHeiti'],
    open: fontsource('noto-sans-sc', 'Noto Sans SC', 500, '500.css'),
    fallback: 'Noto Sans SC',
  },
  {
    name: 'kai',
    label: '楷体',
    cssVar: '--f-kai',
    system: ['KaiTi_GB2312', '楷体_GB2312', 'KaiTi', '楷体', 'FZKai-Z03S', '方正楷体简体', 'Kaiti SC', 'STKaiti'],
    open: fandol('FandolKai', 'FandolKai-Regular.ttf'),
    fallback: 'Noto Serif SC',
  },
  {
    name: 'fs',
    label: '仿宋',
    cssVar: '--f-fs',
    system: ['FangSong_GB2312', '仿宋_GB2312', 'FangSong', '仿宋', 'FZFangSong-Z02S', '方正仿宋简体', 'STFangsong', '华文仿宋'],
    open: fandol('FandolFang', 'FandolFang-Regular.ttf'),
    fallback: 'Noto Serif SC',
  },
  {
    name: 'song',
    label: '宋体',
    cssVar: '--f-song',
    system: ['SimSun', '宋体', 'Songti SC', 'STSong'],
    open: fontsource('noto-serif-sc', 'Noto Serif SC', 400, '400.css'),
    fallback: 'Noto Serif SC',
  },
]

/**
 * Latin letters and digits in running text: Times New Roman where installed (公文 practice),
 * else its metric twin Liberation Serif. Limited to Latin code points so that “ ” ‘ ’ — …
 * keep coming from the Chinese face (a Latin font draws them narrow and low); so do × and ÷
 * (××县 placeholders look wrong in a Latin face).
 */
const LATIN_FACE = `@font-face { font-family: 'Booklet Latin'; font-display: block;
  src: local('Times New Roman'), local('TimesNewRomanPSMT'), local('Liberation Serif'), local('LiberationSerif');
  unicode-range: U+0020-007E, U+00C0-00D6, U+00D8-00F6, U+00F8-00FF; }\n`

const quote = (family: string) => `"${family}"`

/** `:root { --f-fs: …; }` plus every `@font-face` the roles need. */
export async function fontCss(): Promise<string> {
  const seen = new Set<string>()
  const faces: string[] = [LATIN_FACE]
  for (const role of ROLES) {
    if (seen.has(role.open.id)) continue
    seen.add(role.open.id)
    faces.push(await role.open.css())
  }
  const vars = ROLES.map((role) => {
    // Page numbers and TOC numbers keep the Song face's own digits (EL-23), so no Latin face there.
    const latin = role.name === 'song' ? [] : ['Booklet Latin']
    const stack = [...new Set([...latin, ...role.system, role.open.family, role.fallback])].map(quote).join(', ')
    return `  ${role.cssVar}: ${stack}, serif;\n  ${role.cssVar}-weight: ${role.open.weight};`
  })
  return `${faces.join('\n')}\n:root {\n${vars.join('\n')}\n}\n`
}

/** The bundled faces (CSS font shorthand) the page loads before anything is laid out. */
export function faceShorthands(): string[] {
  return [...new Set(ROLES.map((r) => `${r.open.weight} 16px "${r.open.family}"`))]
}

/** URL prefix → folder, for the page's file server. */
export function fontMounts(): Map<string, string> {
  return new Map(ROLES.map((role) => [`/_booklet/fonts/${role.open.id}/`, role.open.dir]))
}
