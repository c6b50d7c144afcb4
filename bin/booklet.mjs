#!/usr/bin/env node
// The CLI is written in TypeScript and run through tsx, so nothing has to be compiled
// after `npm ci` (npm 11 runs no install scripts, and users should not need a build step).
import { register } from 'tsx/esm/api'

register()
// `booklet check | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
