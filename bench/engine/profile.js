'use strict';
// Per-kernel time profile of training steps.
// Usage: node bench/engine/profile.js <model a|b|c> [backend wasm|wasm-raw|cpu] [steps] [batch]
const { tf, useBackend, buildModel, randomBatch } = require('./common');

(async () => {
  const [model = 'b', backend = 'wasm', stepsArg = '3', bsArg = '512'] = process.argv.slice(2);
  await useBackend(backend);
  const m = buildModel(model);
  const bs = Number(bsArg),
    steps = Number(stepsArg);
  const { x, y } = randomBatch(bs);
  for (let i = 0; i < 3; i++) await m.trainOnBatch(x, y); // warm-up (the first steps grow the wasm heap)
  const byKernel = new Map();
  const t0 = Date.now();
  for (let s = 0; s < steps; s++) {
    const info = await tf.profile(async () => {
      await m.trainOnBatch(x, y);
    });
    for (const k of info.kernels) {
      const ms = await k.kernelTimeMs;
      const key = k.name;
      const e = byKernel.get(key) || { ms: 0, n: 0, shapes: new Map() };
      e.ms += typeof ms === 'number' ? ms : 0;
      e.n++;
      const sk = k.inputShapes.map((s) => JSON.stringify(s)).join(' ');
      e.shapes.set(sk, (e.shapes.get(sk) || 0) + (typeof ms === 'number' ? ms : 0));
      byKernel.set(key, e);
    }
  }
  const wall = (Date.now() - t0) / steps;
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
  console.log(
    `model ${model} backend ${backend} batch ${bs}: ${wall.toFixed(0)} ms/step wall (profiled), kernels ${total.toFixed(0)} ms/step`,
  );
  console.log('| kernel | ms/step | % | calls/step | top input shapes (ms/step) |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, e] of rows) {
    const top = [...e.shapes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([s, ms]) => `${s} (${(ms / steps).toFixed(1)})`)
      .join('; ');
    console.log(`| ${name} | ${(e.ms / steps).toFixed(1)} | ${((100 * e.ms) / steps / total).toFixed(1)} | ${e.n / steps} | ${top} |`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
