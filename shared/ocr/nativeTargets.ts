/*
 * Where the desktop app can read scans natively. onnxruntime-node (pinned in package.json) ships
 * its binary for these platform/arch pairs only (node_modules/onnxruntime-node/bin/napi-v6/<platform>/<arch>;
 * tests/unit/electron/recognitionPackaging.test.ts keeps this list equal to what is installed).
 * 1.31.1 has none for Intel Macs (darwin/x64): there the desktop page reads scans in its own Web
 * Worker with onnxruntime-web (WASM), exactly as the browser build does, only slower.
 */

export const NATIVE_RECOGNITION_TARGETS: readonly string[] = ['darwin/arm64', 'linux/arm64', 'linux/x64', 'win32/arm64', 'win32/x64'];

export function hasNativeRecognition(platform: string, arch: string): boolean {
  return NATIVE_RECOGNITION_TARGETS.includes(`${platform}/${arch}`);
}
