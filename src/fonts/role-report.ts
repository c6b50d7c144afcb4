/**
 * Turns what Chromium drew each role with into the report's font section: which face served the
 * role, whether it is an official system font, the bundled open font, or a fallback (FN-5).
 */
import type { Diagnostic } from '../diagnostics.ts'
import type { UsedFont } from '../render/fonts-used.ts'
import { ROLES, type RoleName } from './roles.ts'

export interface RoleFontReport {
  role: RoleName
  label: string
  /** The family that drew most of the role's text, or null if the role does not occur. */
  family: string | null
  /** That face's own name as Chromium reports it (e.g. "FandolFang R"). */
  face: string | null
  source: 'system' | 'bundled' | 'fallback' | 'absent'
  /** Every face seen for the role, with glyph counts. */
  used: UsedFont[]
}

/** Chromium reports a face's own name ("FandolFang R", "Noto Serif SC Bold"): match by prefix. */
const same = (reported: string, family: string) => reported === family || reported.startsWith(`${family} `)

export function roleFontReports(used: Record<RoleName, UsedFont[]>, origin: string): { fonts: RoleFontReport[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const fonts = ROLES.map((role): RoleFontReport => {
    const faces = (used[role.name] ?? []).filter((f) => f.family !== 'Booklet Latin' && !/Liberation|Times/.test(f.family))
    const main = faces[0]
    if (!main) return { role: role.name, label: role.label, family: null, face: null, source: 'absent', used: used[role.name] ?? [] }
    const source = role.system.some((s) => same(main.family, s))
      ? 'system'
      : same(main.family, role.open.family)
        ? 'bundled'
        : 'fallback'
    if (source === 'fallback') {
      diagnostics.push({
        file: origin,
        message: `${role.label}没有用上预定字体，实际用的是 ${main.family}`,
        rule: 'FN-5',
        severity: 'warning',
      })
    }
    const family = source === 'bundled' ? role.open.family : (role.system.find((s) => same(main.family, s)) ?? main.family)
    return { role: role.name, label: role.label, family, face: main.family, source, used: used[role.name] ?? [] }
  })
  return { fonts, diagnostics }
}
