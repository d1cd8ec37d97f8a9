#!/usr/bin/env bash
# Packs `bench/gpu.ts` for a GPU machine that has a Vulkan driver but no Node.js and no network:
# one bundled script, the wasm binaries, Dawn's Node addon and this machine's node binary, into
# .gpu/ (about 40 MB). There: unpack node.xz and dawn.node.xz (see the echo below) and run it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.gpu
rm -rf "$out"; mkdir -p "$out/node_modules/webgpu/dist/linux-x64"
npx esbuild bench/gpu.ts --bundle --platform=node --format=esm --external:webgpu --outfile="$out/gpu.mjs" --log-level=warning \
  --banner:js="import { createRequire } from 'module'; import { fileURLToPath as toPath } from 'url'; import { dirname as dirOf } from 'path'; const require = createRequire(import.meta.url); const __filename = toPath(import.meta.url); const __dirname = dirOf(__filename);"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$out/"
cp node_modules/webgpu/package.json node_modules/webgpu/index.js "$out/node_modules/webgpu/"
xz -T2 -3 -c node_modules/webgpu/dist/linux-x64/dawn.node > "$out/dawn.node.xz"
xz -T2 -3 -c "$(command -v node)" > "$out/node.xz"
du -sh "$out"
echo "on the GPU machine: cd $out && xz -dc node.xz > /tmp/node && chmod +x /tmp/node && xz -dc dawn.node.xz > node_modules/webgpu/dist/linux-x64/dawn.node"
echo "  then: VK_ICD_FILENAMES=<the driver's ICD json> /tmp/node gpu.mjs webgpu,wasm [preset,...]"
