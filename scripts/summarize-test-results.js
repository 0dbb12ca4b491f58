// Adds up the counts that every jest run wrote (scripts/jest-results-reporter.js) and prints
// one closing line, "N passed, N failed, N skipped", that CI reads; before it, the slowest suites.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const SLOWEST = 12;
const totals = { passed: 0, failed: 0, skipped: 0, suitesFailed: 0, runs: 0 };
const suites = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  totals.suitesFailed += r.suitesFailed;
  totals.runs += 1;
  suites.push(...(r.suites ?? []));
}
suites.sort((a, b) => b.seconds - a.seconds);
const total = suites.reduce((sum, suite) => sum + suite.seconds, 0);
console.log(`slowest test suites (of ${suites.length}, ${Math.round(total)} s in all; unit suites run two at a time):`);
for (const suite of suites.slice(0, SLOWEST)) console.log(`  ${suite.seconds.toFixed(1).padStart(6)} s  ${suite.cwd}/${suite.file}`);
if (totals.suitesFailed > 0) console.log(`${totals.suitesFailed} test suite(s) failed to run`);
console.log(`tests: ${totals.passed} passed, ${totals.failed + totals.suitesFailed} failed, ${totals.skipped} skipped`);
process.exit(totals.runs === 0 || totals.failed + totals.suitesFailed > 0 ? 1 : 0);
