/**
 * The `booklet` command. Parses arguments, runs the command, and turns every failure into a
 * short Chinese message and a non-zero exit code — never a stack trace for a user mistake.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { PRESETS } from '../config/schema.ts'
import type { PresetName } from '../document/styles.ts'
import { formatDiagnostic } from '../diagnostics.ts'
import { BookletError } from '../errors.ts'
import { PROJECT_ROOT } from '../project-root.ts'
import { printDiagnostics, printReport } from './print-report.ts'
// Each command loads what it needs when it runs (below): `build` starts the browser first, so
// Chromium comes up while the pipeline's modules are loaded.

/** A day: more is a typing mistake, and past 24 days Node's timers would fire at once. */
const MAX_SECONDS = 86_400

function seconds(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('应为正数（秒）')
  if (n > MAX_SECONDS) throw new InvalidArgumentError(`最多 ${MAX_SECONDS} 秒（一天）`)
  return n
}

/** commander's own words, for users who read Chinese. */
const HELP_TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：' }

function chineseHelp(text: string): string {
  return text.replace(/\(default: (.*?)\)/g, '（默认：$1）').replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]')
}

/** Said after every usage mistake, and the `hint` of its JSON answer. */
const USAGE_HINT = '用 booklet --help 查看用法'

/** commander's error messages (usage mistakes) in Chinese; the original words stay for anything unforeseen. */
export function usageMistake(message: string): string {
  const text = message.trim().replace(/^error: /, '')
  const didYouMean = / ?\(Did you mean (.+?)\?\)/.exec(text)
  const hint = didYouMean ? `（是不是 ${didYouMean[1]}？）` : ''
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^unknown option '([^']+)'/, (m) => `不认识的选项 ${m[1]}${hint}`],
    [/^unknown command '([^']+)'/, (m) => `不认识的命令 ${m[1]}${hint}`],
    [/^missing required argument '([^']+)'/, (m) => `缺少参数 ${m[1]}`],
    [/^too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)/, (m) => `${m[1] ? `${m[1]} 命令的` : ''}参数太多（应为 ${m[2]} 个，实际 ${m[3]} 个）`],
    [/^option '(?:-\w, )?([^' ]+)[^']*' argument '([^']*)' is invalid\. ?(.*)$/s, (m) => `选项 ${m[1]} 的值“${m[2]}”无效${m[3] ? `：${m[3]}` : ''}`],
    [/^option '(?:-\w, )?([^' ]+)[^']*' argument missing/, (m) => `选项 ${m[1]} 缺少值`],
  ]
  for (const [pattern, say] of rules) {
    const match = pattern.exec(text)
    if (match) return say(match)
  }
  return text
}

/** `booklet watch --serve` without a number. */
const PREVIEW_PORT = 8090

function port(value: string): number {
  const n = Number(value)
  // 0 lets the system pick a free port (the URL is printed).
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('端口应为 0–65535 的整数')
  return n
}

function presetName(value: string): PresetName {
  if (!(PRESETS as readonly string[]).includes(value)) throw new InvalidArgumentError(`版式只能是 ${PRESETS.join('、')}`)
  return value as PresetName
}

/** The version in the project's package.json (read from the project folder: the CLI may run from its bundle). */
function bookletVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version
}

function program(out: (line: string) => void, err: (line: string) => void): Command {
  const cli = new Command('booklet')
    .description('把讲话稿（.txt、Word .docx）或 Markdown 稿件排成 A5 学习资料小册子（PDF）')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => out(chineseHelp(s).trimEnd()),
      writeErr: (s) => err(chineseHelp(s).trimEnd()),
      outputError: (s, write) => write(`错误：${usageMistake(s)}\n`),
    })
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .showHelpAfterError(`（${USAGE_HINT}）`)
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .version(bookletVersion(), '-V, --version', '显示版本号')

  cli
    .command('build')
    .description('生成 booklet.pdf 和 booklet.html')
    .argument('[INPUT]', '稿件文件夹，或一个 .md、.txt、.docx 文件', 'manuscript')
    .option('-o, --out <DIR>', '输出文件夹', 'dist')
    .option('--json', '在标准输出打印机器可读的报告（JSON）')
    .option('--browser <PATH>', '浏览器（Chromium/Chrome/Edge）可执行文件的路径')
    .option('--timeout <SECONDS>', '排版时限（秒）', seconds, 300)
    .option('--preset <NAME>', `版式：${PRESETS.join('、')}（覆盖 booklet.yaml 中的 preset）`, presetName)
    .option('--impose', '另外生成骑马钉拼版文件 booklet-imposed.pdf（A4 横向，每面两页，双面打印后对折装订）')
    .option('--marks', '在拼版文件上印折叠标记（与 --impose 一起用）')
    .option('--strict', '印前检查有任何一项未通过即算失败，不替换上一次的 PDF')
    .option('-v, --verbose', '逐条列出全部提示（默认只列出需要核对的，例行处理只计数）')
    .option('--browser-ws <URL>', '连接正在运行的浏览器服务（DevTools WebSocket 地址 ws://…），不另启动浏览器')
    .helpOption('-h, --help', '显示帮助')
    .action(async (input: string, opts: { out: string; json?: boolean; browser?: string; browserWs?: string; timeout: number; preset?: PresetName; impose?: boolean; marks?: boolean; strict?: boolean; verbose?: boolean }) => {
      if (opts.marks && !opts.impose) throw new BookletError('--marks 只能与 --impose 一起使用', { hint: '例如：booklet build --impose --marks' })
      // Ctrl-C (or a kill) during a build: a short message, no half-written file; the browser,
      // on its DevTools pipe, quits with this process.
      const { removeUnfinishedOutputs } = await import('../output-files.ts')
      const { endBrowsersNow } = await import('../render/launch-browser.ts')
      const interrupted = (signal: NodeJS.Signals) => {
        removeUnfinishedOutputs()
        endBrowsersNow()
        err('已中断：没有生成新的 PDF（上一次的 PDF 保持不变）。')
        process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]!)
      }
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
      for (const signal of signals) process.once(signal, interrupted)
      const report = await (async () => {
        const { startBrowser } = await import('../render/start-browser.ts')
        const starting = startBrowser({ browserPath: opts.browser, browserWs: opts.browserWs, timeoutMs: opts.timeout * 1000 })
        const { build } = await import('../build.ts').catch(async (error: unknown) => {
          // The browser already started would keep this process alive after the error is reported.
          await starting.then((started) => ('session' in started ? started.session.close() : undefined))
          throw error
        })
        return build({
          starting,
          input,
          outDir: opts.out,
          browserPath: opts.browser,
          timeoutMs: opts.timeout * 1000,
          impose: opts.impose ?? false,
          marks: opts.marks ?? false,
          strict: opts.strict ?? false,
          ...(opts.preset ? { preset: opts.preset } : {}),
          ...(opts.browserWs ? { browserWs: opts.browserWs } : {}),
        })
      })().finally(() => {
        for (const signal of signals) process.off(signal, interrupted)
      })
      if (opts.json) out(JSON.stringify(report, null, 2))
      else printReport(report, err, opts.verbose ?? false)
      if (!report.ok) process.exitCode = 1
    })
  cli
    .command('watch')
    .description('监视稿件，每次保存后自动重新生成 PDF（浏览器保持打开，重新生成更快）')
    .argument('[INPUT]', '稿件文件夹，或一个 .md、.txt、.docx 文件', 'manuscript')
    .option('-o, --out <DIR>', '输出文件夹', 'dist')
    .option('--preset <NAME>', `版式：${PRESETS.join('、')}`, presetName)
    .option('--impose', '同时生成骑马钉拼版文件 booklet-imposed.pdf')
    .option('--marks', '在拼版文件上印折叠标记（与 --impose 一起用）')
    .option('--strict', '印前检查有任何一项未通过即算失败，不替换上一次的 PDF')
    .option('--browser <PATH>', '浏览器（Chromium/Chrome/Edge）可执行文件的路径')
    .option('--browser-ws <URL>', '连接正在运行的浏览器服务（ws://…）')
    .option('--timeout <SECONDS>', '每次排版的时限（秒）', seconds, 300)
    .option('--serve [PORT]', `同时在本机浏览器中预览分页效果（http://127.0.0.1:端口/，默认 ${PREVIEW_PORT}），每次生成后自动刷新`, port)
    .helpOption('-h, --help', '显示帮助')
    .action(async (input: string, opts: { out: string; preset?: PresetName; impose?: boolean; marks?: boolean; strict?: boolean; browser?: string; browserWs?: string; timeout: number; serve?: number | true }) => {
      const stop = new AbortController()
      const onSignal = () => stop.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      const { watch } = await import('../watch.ts')
      try {
        await watch({
          input,
          outDir: opts.out,
          impose: opts.impose ?? false,
          marks: opts.marks ?? false,
          strict: opts.strict ?? false,
          timeoutMs: opts.timeout * 1000,
          log: err,
          signal: stop.signal,
          ...(opts.preset ? { preset: opts.preset } : {}),
          ...(opts.browser ? { browserPath: opts.browser } : {}),
          ...(opts.browserWs ? { browserWs: opts.browserWs } : {}),
          ...(opts.serve !== undefined ? { serve: opts.serve === true ? PREVIEW_PORT : opts.serve } : {}),
        })
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
      err('已停止监视。')
    })
  cli
    .command('check')
    .description('检查稿件：列出标点、编号、结构等问题和将要做的改动（不启动浏览器）')
    .argument('[INPUT]', '稿件文件夹，或一个 .md、.txt、.docx 文件', 'manuscript')
    .option('--fix', '把改动写回稿件（先在 .booklet-backup/ 中保留原稿备份）')
    .option('--json', '以 JSON 打印结果')
    .helpOption('-h, --help', '显示帮助')
    .action(async (input: string, opts: { fix?: boolean; json?: boolean }) => {
      const { check } = await import('../check.ts')
      const result = await check(input, { fix: opts.fix ?? false })
      if (opts.json) out(JSON.stringify(result, null, 2))
      else {
        for (const d of result.diagnostics) out(formatDiagnostic(d))
        for (const f of result.fixed) out(`已改写 ${f.file}（${f.edits} 处），原稿备份在 ${f.backup}`)
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length
        const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length
        out(`共 ${result.diagnostics.length} 条：错误 ${errors}，警告 ${warnings}，其余为提示`)
      }
      if (result.diagnostics.some((d) => d.severity === 'error')) process.exitCode = 1
    })
  cli
    .command('import')
    .description('把讲话稿（.txt 纯文本、Word .docx，或没有 # 标题的 .md）转成 Markdown 稿件，并列出需要核对的推断')
    .argument('<FILE>', '.txt 或 .docx 文件（或没有 # 标题的 .md 文件）')
    .option('-o, --out <OUT.md>', '输出的 .md 文件（默认：同名 .md；已存在时不覆盖）')
    .option('-f, --force', '输出文件已存在时覆盖它（先在旁边的 .booklet-backup/ 中留一份备份）')
    .option('-v, --verbose', '逐条列出全部推断（默认只列出需要核对的，例行处理只计数）')
    .helpOption('-h, --help', '显示帮助')
    .action(async (file: string, opts: { out?: string; force?: boolean; verbose?: boolean }) => {
      const { importToMarkdown } = await import('../import-command.ts')
      const result = await importToMarkdown(file, opts)
      printDiagnostics(result.diagnostics, err, opts.verbose ?? false)
      err(`已写出 ${result.written}${result.backup ? `（原文件备份在 ${result.backup}）` : ''}，共 ${result.headings} 个标题；请核对上面的推断`)
    })

  cli
    .command('fonts')
    .description('列出每种字体角色在本机实际使用的字体，以及缺少哪些公文字体')
    .option('--browser <PATH>', '浏览器可执行文件的路径')
    .option('--json', '以 JSON 打印结果')
    .helpOption('-h, --help', '显示帮助')
    .action(async (opts: { browser?: string; json?: boolean }) => {
      const { inspectFonts } = await import('../render/inspect-fonts.ts')
      const result = await inspectFonts(opts.browser)
      if (opts.json) return out(JSON.stringify(result, null, 2))
      const sources = { system: '系统公文字体', bundled: '自带开源字体', fallback: '后备字体（请检查）', absent: '未用到' }
      for (const role of result.roles) out(`${role.label}：${role.family ?? '—'}（${sources[role.source]}）`)
      out('')
      const installed = result.system.filter((s) => s.installed)
      out(installed.length ? `本机已安装的公文字体：${installed.map((s) => s.family).join('、')}` : '本机没有安装公文字体（如仿宋_GB2312、方正小标宋简体），使用自带开源字体。')
      const missing = new Map<string, string[]>()
      for (const s of result.system.filter((x) => !x.installed)) missing.set(s.role, [...(missing.get(s.role) ?? []), s.family])
      if (missing.size) out('未安装（可选，装上后优先使用）：')
      for (const [role, families] of missing) out(`  ${role}：${families.join('、')}`)
    })
  return cli
}

export async function main(
  argv: string[],
  out: (line: string) => void = (s) => process.stdout.write(`${s}\n`),
  err: (line: string) => void = (s) => process.stderr.write(`${s}\n`),
): Promise<number> {
  process.exitCode = 0
  try {
    await program(out, err).parseAsync(argv, { from: 'user' })
    return Number(process.exitCode ?? 0)
  } catch (error) {
    // A script that asked for JSON gets JSON on stdout for a failure too, not an empty answer.
    const json = argv.includes('--json')
    const answer = (failure: { message: string; hint?: string | undefined; internal?: true }) => {
      if (json) out(JSON.stringify({ ok: false, error: { message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}), ...(failure.internal ? { internal: true } : {}) } }, null, 2))
    }
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0
      // A usage mistake (commander has said it on stderr already); not `booklet` alone, which shows the help.
      if (error.code !== 'commander.help') answer({ message: usageMistake(error.message), hint: USAGE_HINT })
      return 2
    }
    if (error instanceof BookletError) {
      err(`错误：${error.message}`)
      if (error.hint) err(error.hint)
      answer(error)
      return 1
    }
    answer({ message: `内部错误：${(error as Error)?.message ?? String(error)}`, internal: true })
    err(`内部错误：${(error as Error)?.stack ?? String(error)}`)
    err('这是 booklet 的缺陷，请把以上信息报告给维护者。')
    return 70
  }
}
