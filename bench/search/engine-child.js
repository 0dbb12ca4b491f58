'use strict';
// bench/engine/run.js's child loop (the zoo model from bench/engine/common.js, model.trainOnBatch
// on one random batch after 2 warm-up steps), also timing its own CPU: on a machine shared with
// other work, images per CPU second of the trainer hold still where images per wall second do not.
// Usage: node bench/search/engine-child.js <model a|b|c> <steps> <batch>; prints RESULT {json}.
const { tf, useBackend, buildModel, randomBatch } = require('../engine/common');

(async () => {
  const [model, stepsArg, batchArg] = process.argv.slice(2);
  const steps = Number(stepsArg);
  const batch = Number(batchArg);
  await useBackend('wasm');
  const m = buildModel(model);
  const { x, y } = randomBatch(batch);
  for (let i = 0; i < 2; i++) await m.trainOnBatch(x, y);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) await m.trainOnBatch(x, y);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result = {
    model,
    steps,
    batch,
    seconds,
    cpuSeconds,
    imgPerSec: (steps * batch) / seconds,
    imgPerCpuSec: (steps * batch) / cpuSeconds,
  };
  console.log(`RESULT ${JSON.stringify({ ...result, numTensors: tf.memory().numTensors })}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
