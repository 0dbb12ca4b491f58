// A jest reporter that writes this run's counts to $ATELIER_TEST_RESULTS_DIR, so the test
// command can print one total over every package (see summarize-test-results.js).
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.ATELIER_TEST_RESULTS_DIR;
    if (!dir) return;
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numRuntimeErrorTestSuites,
    };
    const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`;
    fs.writeFileSync(path.join(dir, name), JSON.stringify(counts));
  }
}
module.exports = ResultsReporter;
