import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    env: { COLUMNS: '100', LINES: '40', NO_COLOR: '1', CHATMETER_MOCK_DELAY_MS: '0' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
