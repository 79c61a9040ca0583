import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
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
