// A jest reporter that writes this run's counts and each suite's seconds to
// $ATELIER_TEST_RESULTS_DIR, so the test command can print one total over every package and the
// slowest suites (see summarize-test-results.js): CI has 25 minutes on 2 cores.
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
      suites: results.testResults.map((suite) => ({
        file: path.relative(process.cwd(), suite.testFilePath),
        cwd: path.basename(process.cwd()),
        seconds: (suite.perfStats.end - suite.perfStats.start) / 1000,
      })),
    };
    const name = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`;
    fs.writeFileSync(path.join(dir, name), JSON.stringify(counts));
  }
}
module.exports = ResultsReporter;
