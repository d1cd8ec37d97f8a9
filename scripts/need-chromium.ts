/**
 * First step of `npm test`: the e2e tests drive Debian's Chromium, and the Node WebGPU tests use
 * the SwiftShader Vulkan driver it ships. Without it, stop at once with one line that says what to do.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../e2e/chromium';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const missing = [CHROMIUM_PATH, SWIFTSHADER].filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(
    `npm test needs Chromium (missing: ${missing.join(', ')}). Install it with \`sudo apt-get install -y chromium\` ` +
      '(Debian; or set CHROMIUM_PATH to another Chromium), or run `bash .ci/run`, which installs it and runs the tests.',
  );
  process.exit(1);
}
