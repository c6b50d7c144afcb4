/**
 * Reads YAML as plain data (strings, numbers, lists, maps — no tags that run code, no
 * custom types) and validates it against a valibot schema. Every problem comes back with the
 * line and column of the offending key, so the user can find it.
 */
import * as v from 'valibot'
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'

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
export function parseYamlData<S extends v.GenericSchema>(
  text: string,
  schema: S,
  lineOffset = 0,
): DataResult<v.InferOutput<S>> {
  const lineCounter = new LineCounter()
  // The failsafe schema reads every scalar as the text the author typed: `date: 2026.10` stays
  // "2026.10" (not the number 2026.1), `title: 2026` is the title "2026". No custom tags run code.
  const doc = parseDocument(text, { lineCounter, schema: 'failsafe', uniqueKeys: true, prettyErrors: false })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {}
    const pos = lineCounter.linePos(offset)
    return { line: pos.line + lineOffset, column: pos.col }
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ message: `YAML 格式错误：${yamlErrorText(e.code)}`, ...at(e.pos[0]) })),
    }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {}
  } catch {
    // The yaml library refuses documents whose aliases (&a / *a) would blow up in memory.
    return { ok: false, problems: [{ message: 'YAML 中的别名（& 和 *）过多，无法读取', ...at(0) }] }
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ message: '内容应为“名称: 值”形式的设置列表', ...at(0) }] }
  }
  const result = v.safeParse(schema, data)
  if (result.success) return { ok: true, value: result.output }
  return {
    ok: false,
    problems: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => p.key as string | number)
      const key = path.map(String).join('.')
      const node = path.length > 0 ? doc.getIn(path, true) : undefined
      // For an unknown key the value node is there; point at the key itself when we can.
      const keyNode = path.length > 0 ? findKeyNode(doc.contents, path) : undefined
      const offset = (isNode(keyNode) ? keyNode.range?.[0] : undefined) ?? (isNode(node) ? node.range?.[0] : undefined)
      const message = key ? `${key}：${issue.message}` : issue.message
      return { message, ...at(offset) }
    }),
  }
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
