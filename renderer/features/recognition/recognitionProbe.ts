import { recognizeScans } from './recognitionClient';

/*
 * The recognition client of the browser build, exposed for tests/e2e/recognitionWorker.spec.ts and
 * the recognition bench. Only in a build made with WORKBENCH_RECOGNITION_PROBE=1; the app has no such page.
 */
(window as unknown as { recognizeScans: typeof recognizeScans }).recognizeScans = recognizeScans;
document.title = '识别测试页（就绪）';
