import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser builds are slow to start; run test files one at a time on 2-core machines.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 180_000,
    env: { NO_COLOR: '1' },
  },
})
