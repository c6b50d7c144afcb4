/**
 * Reads YAML as plain data (strings, numbers, lists, maps — no tags that run code, no
 * custom types) and validates it against a valibot schema. Every problem comes back with the
 * line and column of the offending key, so the user can find it.
 */
import * as v from 'valibot'
import { CST, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, Parser } from 'yaml'

export interface DataProblem {
  message: string
  line?: number
  column?: number
}

export type DataResult<T> = { ok: true; value: T } | { ok: false; problems: DataProblem[] }

/**
 * @param text YAML text
 * @param schema the valibot schema the data must satisfy
 * @param lineOffset added to every reported line (front matter starts after `---`)
 */
/** Deeper than any booklet setting goes ([[…]] lists of lists are never needed). */
const MAX_FLOW_DEPTH = 32

/** Where brackets in `text` first nest deeper than `max` (quoted text and comments left out), or undefined. */
function flowDepthOver(text: string, max: number): number | undefined {
  let depth = 0
  let quote = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === quote) quote = ''
      else if (c === '\n' && quote === "'") quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++
    else if (c === '[' || c === '{') {
      if (++depth > max) return i
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1)
  }
  return undefined
}

export function parseYamlData<S extends v.GenericSchema>(
  text: string,
  schema: S,
  lineOffset = 0,
): DataResult<v.InferOutput<S>> {
  // Issue 20 (F-9): brackets nested thousands deep ([[[[…) overflow the parser's stack; no setting needs more than a few.
  const deep = flowDepthOver(text, MAX_FLOW_DEPTH)
  if (deep !== undefined) {
    const line = text.slice(0, deep).split('\n').length + lineOffset
    return { ok: false, problems: [{ message: `YAML 格式错误：方括号或花括号嵌套超过 ${MAX_FLOW_DEPTH} 层`, line, column: 1 }] }
  }
  const lineCounter = new LineCounter()
  // The failsafe schema reads every scalar as the text the author typed: `date: 2026.10` stays
  // "2026.10" (not the number 2026.1), `title: 2026` is the title "2026". No custom tags run code.
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: false })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {}
    const pos = lineCounter.linePos(offset)
    return { line: pos.line + lineOffset, column: pos.col }
  }
  // `title：在全县……`: Chinese typing gives a full-width colon, which YAML does not read as one. The
  // parser's own complaint (a key over several lines, a missing colon) would not say so.
  const colons = fullWidthColons(text)
  const colonProblems = colons.map(({ offset, key, value }) => ({
    message: `YAML 格式错误：“${key}”后面的冒号是全角的“：”，应改为半角冒号“:”并在后面加一个空格，写成“${key}: ${value}”`,
    ...at(offset),
  }))
  if (doc.errors.length > 0) {
    // The parser notices an unclosed bracket or quote only where the closing one was due (the
    // next line or the end): point at the opening one instead and leave out what follows from it.
    const unclosed = lastUnclosed(text)
    const colonLines = new Set(colons.map(({ offset }) => lineCounter.linePos(offset).line))
    const errors = doc.errors.filter((e) => (!unclosed || e.pos[0] < unclosed.offset) && !colonLines.has(lineCounter.linePos(e.pos[0]).line))
    const problems = [...colonProblems, ...errors.map((e) => ({ message: `YAML 格式错误：${yamlErrorText(e.code)}`, ...at(e.pos[0]) }))]
    if (unclosed) {
      problems.push({ message: `YAML 格式错误：括号或引号没有闭合，“${unclosed.open}”缺少对应的“${unclosed.close}”（MISSING_CHAR）`, ...at(unclosed.offset) })
    }
    return { ok: false, problems: inLineOrder(problems) }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch {
    // The yaml library refuses documents whose aliases (&a / *a) would blow up in memory.
    return { ok: false, problems: [{ message: 'YAML 中的别名（& 和 *）过多，无法读取', ...at(0) }] }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // Lines that are all `key：value` read as one long text, not as settings.
    if (colonProblems.length > 0) return { ok: false, problems: colonProblems }
    return { ok: false, problems: [{ message: '内容应为“名称: 值”形式的设置列表', ...at(0) }] }
  }
  const result = v.safeParse(schema, data)
  if (result.success) return { ok: true, value: result.output }
  const seen = new Set<string>()
  // A nested `issuer：…` reads as text, not a setting: the colon is the mistake to name.
  const problems: DataProblem[] = [...colonProblems]
  const colonLines = new Set(colonProblems.map((p) => p.line))
  for (const { path, message: text } of withEveryUnknownKey(result.issues, schema, data)) {
    const key = path.map(String).join('.')
    // One mistake, one message: `date: 明天` is not a date in the right form, and need not
    // also be told that the day does not exist.
    if (seen.has(key)) continue
    seen.add(key)
    const node = path.length > 0 ? doc.getIn(path, true) : undefined
    // For an unknown key the value node is there; point at the key itself when we can.
    const keyNode = path.length > 0 ? findKeyNode(doc.contents, path) : undefined
    const offset = (isNode(keyNode) ? keyNode.range?.[0] : undefined) ?? (isNode(node) ? node.range?.[0] : undefined)
    const place = at(offset)
    // The value that holds a full-width colon is already explained by it.
    if (colonLines.size > 0 && (colonLines.has(place.line) || colonLines.has((place.line ?? 0) + 1))) continue
    problems.push({ message: key ? `${key}：${text}` : text, ...place })
  }
  return { ok: false, problems: inLineOrder(problems) }
}

/**
 * valibot's strict object stops at the first unknown key; the author should learn of all of
 * them at once. Its issue is replaced by one for every unknown key, in the order written.
 */
function withEveryUnknownKey(
  issues: readonly v.BaseIssue<unknown>[],
  schema: v.GenericSchema,
  data: object,
): { path: (string | number)[]; message: string }[] {
  const entries = schema.type === 'strict_object' ? (schema as unknown as { entries: Record<string, unknown> }).entries : undefined
  // An unknown key at the top; not a known key whose value is of the wrong shape (official: 某某 for a map).
  const isUnknownKey = (issue: v.BaseIssue<unknown>) =>
    entries !== undefined && issue.kind === 'schema' && issue.type === 'strict_object' && issue.path?.length === 1 && !Object.hasOwn(entries, String(issue.path[0]!.key))
  const unknown = issues.find(isUnknownKey)
  const result = issues.filter((issue) => !isUnknownKey(issue)).map((issue) => ({ path: (issue.path ?? []).map((p) => p.key as string | number), message: issue.message }))
  if (unknown && entries) {
    for (const key of Object.keys(data)) if (!Object.hasOwn(entries, key)) result.push({ path: [key], message: unknown.message })
  }
  return result
}

/** By line, then column; problems without a place last. The sort is stable. */
function inLineOrder(problems: DataProblem[]): DataProblem[] {
  const place = (p: DataProblem) => [p.line ?? Infinity, p.column ?? 0] as const
  return [...problems].sort((a, b) => place(a)[0] - place(b)[0] || place(a)[1] - place(b)[1])
}

/**
 * The last-opened `[`, `{`, `"` or `'` that is never closed, with its offset. Read from the
 * parser's tokens, so a `[` inside a plain value (`title: 第[1]号`) opens nothing.
 */
function lastUnclosed(text: string): { offset: number; open: string; close: string } | undefined {
  let found: { offset: number; open: string; close: string } | undefined
  const check = (token: CST.Token | null | undefined) => {
    if (!token || (found && found.offset > token.offset)) return
    if (token.type === 'flow-collection') {
      const open = token.start.source
      const close = open === '[' ? ']' : '}'
      if (!token.end.some((t) => t.source === close)) found = { offset: token.offset, open, close }
    } else if (token.type === 'double-quoted-scalar' && !/^"(?:[^"\\]|\\.)*"$/su.test(token.source)) {
      found = { offset: token.offset, open: '"', close: '"' }
    } else if (token.type === 'single-quoted-scalar' && !/^'(?:[^']|'')*'$/su.test(token.source)) {
      found = { offset: token.offset, open: "'", close: "'" }
    }
  }
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') CST.visit(token, (item) => void [item.key, item.value].forEach(check))
  }
  return found
}

/** A line `key：value` (a list item `- key：value` too): the key is ASCII, as every setting's is. */
const FULL_WIDTH_COLON = /^([ \t]*(?:-[ \t]+)?([A-Za-z0-9_-]+)[ \t]*)：[ \t]*(.*)$/gmu

/** Where a setting is written with a full-width colon, with its key and value. */
function fullWidthColons(text: string): { offset: number; key: string; value: string }[] {
  return [...text.matchAll(FULL_WIDTH_COLON)].map((m) => ({ offset: m.index + m[1]!.length, key: m[2]!, value: m[3]!.trim() }))
}

/** The key node of the pair at `path`, so a message can point at the key the user typed. */
function findKeyNode(contents: unknown, path: (string | number)[]): unknown {
  let current: unknown = contents
  let keyNode: unknown
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) return keyNode
      keyNode = pair.key
      current = pair.value
    } else if (isSeq(current)) {
      current = current.items[Number(segment)]
      keyNode = current
    } else {
      return keyNode
    }
  }
  return keyNode
}

function yamlErrorText(code: string): string {
  const known: Record<string, string> = {
    DUPLICATE_KEY: '同一个设置项写了两次',
    BAD_INDENT: '缩进不对',
    MISSING_CHAR: '缺少符号（如冒号或引号）',
    BLOCK_AS_IMPLICIT_KEY: '缩进或冒号不对',
    MULTILINE_IMPLICIT_KEY: '每行应写成“名称: 值”，冒号后要有一个空格',
    UNEXPECTED_TOKEN: '出现了意外的符号',
    TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  }
  return `${known[code] ?? '无法解析'}（${code}）`
}
