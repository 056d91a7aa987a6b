import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';

const define = { __APP_VERSION__: JSON.stringify('0.0.0-test') };
const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  define,
  test: {
    // Vitest's default leaves one core to its own process (cores - 1): on the 2-core office and CI
    // machines that is a single test worker while the main process mostly waits. Use every core.
    maxWorkers: availableParallelism(),
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          environment: 'node',
          include: ['test/db/**/*.test.ts'],
          setupFiles: ['test/db/setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        define,
        resolve: { alias },
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['test/ui/**/*.test.tsx', 'test/ui/**/*.test.ts'],
          setupFiles: ['test/ui/setup.ts'],
          testTimeout: 180_000,
        },
      },
    ],
  },
});
