// Jest runs each test file in its own V8 context, whose typed-array constructors differ from
// the main context's. onnxruntime-node's native binding creates its output arrays in the main
// context, and onnxruntime-common then rejects them (`instanceof Float32Array` fails). Test
// files that run onnxruntime use this environment, which hands the sandbox the main context's
// typed arrays so both sides agree.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRuntimeEnvironment;
