/**
 * Starts Chromium (or connects to a running one) at once: it comes up in its own process while
 * the rest of the build — the pipeline's modules, the manuscript — is loaded and processed.
 * A failure to start is kept until the browser is needed, so a manuscript error still comes first.
 */
import { locateBrowser } from './locate-browser.ts'
import { openBrowser, type BrowserSession } from './render-pdf.ts'

export type StartingBrowser = Promise<{ session: BrowserSession } | { error: unknown }>

export function startBrowser(options: { browserPath?: string | undefined; browserWs?: string | undefined; timeoutMs?: number | undefined }): StartingBrowser {
  return (async () =>
    openBrowser({
      browserPath: options.browserWs ? undefined : locateBrowser({ flag: options.browserPath }),
      wsEndpoint: options.browserWs,
      timeoutMs: options.timeoutMs,
    }))().then(
    (session) => ({ session }),
    (error: unknown) => ({ error }),
  )
}
