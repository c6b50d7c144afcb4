/**
 * Encodes text as GBK or Shift_JIS for tests, without iconv: Node only decodes these, so the
 * table is built by decoding every two-byte code once and reversing it.
 */
const tables = new Map<string, Map<string, number[]>>()

function table(encoding: 'gbk' | 'shift_jis'): Map<string, number[]> {
  let found = tables.get(encoding)
  if (found) return found
  found = new Map()
  const decoder = new TextDecoder(encoding, { fatal: true })
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      let char: string
      try {
        char = decoder.decode(new Uint8Array([lead, trail]))
      } catch {
        continue
      }
      if ([...char].length === 1 && !found.has(char)) found.set(char, [lead, trail])
    }
  }
  tables.set(encoding, found)
  return found
}

export function encode(encoding: 'gbk' | 'shift_jis', text: string): Uint8Array {
  const codes = table(encoding)
  const bytes: number[] = []
  for (const char of text) {
    const code = char.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else {
      const pair = codes.get(char)
      if (!pair) throw new Error(`${encoding} has no ${char}`)
      bytes.push(...pair)
    }
  }
  return new Uint8Array(bytes)
}
