import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    /*
     * At least two workers. Vitest's default for `vitest run` is one fewer than the CPUs, which on
     * the 2-core machines this suite runs on (CI included) is a single worker and leaves a core idle.
     */
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
          // A beforeAll that builds a packet or a workbook is a test's work too: the same bound.
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
          testTimeout: 60_000,
          /*
           * One module registry and one window for all the files of a worker: each file otherwise
           * starts a process, a jsdom and antd anew, some 7 s a file on this machine. Files clear
           * what they store (clearDatabase) and Testing Library unmounts after each test
           * (setup.ts); a file that mocks a module empties the registry around itself
           * (recognitionReview.test.tsx).
           */
          isolate: false,
        },
      },
    ],
  },
});
