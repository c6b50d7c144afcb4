/** The command line speaks Chinese, commander's own usage errors and help included. */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'

async function run(argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** argv → the Chinese message of the mistake. */
const USAGE_MISTAKES: [string[], string][] = [
  [['biuld'], '错误：不认识的命令 biuld（是不是 build？）'],
  [['build', '--colour'], '错误：不认识的选项 --colour'],
  [['import'], '错误：缺少参数 FILE'],
  [['import', 'a.txt', 'b.txt'], '错误：import 命令的参数太多（应为 1 个，实际 2 个）'],
  [['build', '--timeout', 'abc'], '错误：选项 --timeout 的值“abc”无效：应为正数（秒）'],
  [['build', '--timeout', '1e9'], '错误：选项 --timeout 的值“1e9”无效：最多 86400 秒（一天）'],
  [['build', '--out'], '错误：选项 --out 缺少值'],
  [['build', '--preset', 'a4'], '错误：选项 --preset 的值“a4”无效：版式只能是 a5-booklet、gongwen-a4'],
]

describe('usage errors', () => {
  it.each(USAGE_MISTAKES)('%j → %s, exit 2', async (argv, message) => {
    const result = await run(argv)
    expect(result.code).toBe(2)
    expect(result.err.split('\n')[0]).toBe(message)
    expect(result.err).toContain('booklet --help')
    expect(result.err).not.toMatch(/error:|Usage/)
  })
})

describe('usage errors with --json', () => {
  // `import` has no --json (that would be a mistake of its own).
  const withJson = USAGE_MISTAKES.filter(([argv]) => argv[0] !== 'import')
  it.each(withJson)('%j with --json → the same message as JSON on stdout, exit 2', async ([command, ...rest], message) => {
    const result = await run([command!, '--json', ...rest])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.out)).toEqual({ ok: false, error: { message: message.replace(/^错误：/, ''), hint: '用 booklet --help 查看用法' } })
    expect(result.err.split('\n')[0]).toBe(message)
  })

  it('answers JSON for an unknown option and a missing argument of the command too', async () => {
    for (const argv of [['build', 'manuscript', '--json', '--colour'], ['check', '--json', 'a', 'b'], ['build', '--json', '--timeout']]) {
      const result = await run(argv)
      expect(result.code).toBe(2)
      expect(JSON.parse(result.out).ok).toBe(false)
    }
  })
})

describe('help', () => {
  it('has Chinese headings and defaults', async () => {
    const result = await run(['build', '--help'])
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/^用法： booklet build \[选项\] \[INPUT\]/)
    expect(result.out).toContain('参数：')
    expect(result.out).toContain('选项：')
    expect(result.out).toContain('（默认：')
    expect(result.out).not.toMatch(/Usage:|Options:|Arguments:|\(default:/)
  })
})

describe('--json on a failure before any report', () => {
  it('answers with JSON on stdout (ok: false and the message), the Chinese text on stderr, exit 1', async () => {
    const missing = await run(['check', '/nowhere/manuscript', '--json'])
    expect(missing.code).toBe(1)
    const answer = JSON.parse(missing.out)
    expect(answer.ok).toBe(false)
    expect(answer.error.message).toContain('/nowhere/manuscript')
    expect(missing.err).toContain(`错误：${answer.error.message}`)
    const plain = await run(['check', '/nowhere/manuscript'])
    expect(plain.out).toBe('')
  })
})
