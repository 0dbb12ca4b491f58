// CSS Modules in jest: each class name maps to itself (styles.row === 'row'), so markup keeps
// readable classes in tests; `__esModule` stays undefined so a default import gets this object.
module.exports = new Proxy({}, { get: (_target, key) => (key === '__esModule' ? undefined : key) });
