#!/usr/bin/env node
// The CLI is written in TypeScript; load-cli.mjs runs it from a bundle made at the first run
// after an install or an edit, so nothing has to be compiled by hand after `npm ci`.
import { loadCli } from './load-cli.mjs'

// `booklet check | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})
const { main } = await loadCli()
process.exitCode = await main(process.argv.slice(2))
