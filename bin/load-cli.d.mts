/** The CLI's entry (src/cli/main.ts), and the bundle it was loaded from (null: run through tsx). */
export function loadCli(options?: { root?: string; cacheDir?: string }): Promise<{ main(argv: string[]): Promise<number>; bundle: string | null }>
/** The folder of the bundle for the current sources of `root`, made first if there is none. */
export function bundledCli(root: string, cacheDir: string): string
