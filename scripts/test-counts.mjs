// Turns the vitest and Playwright JSON reports into the numbers of `npm test`'s closing line.
// A test file that fails to load runs none of its tests, so the runners' own totals leave it
// out; each one counts here as one failure, under its own name.

/** @typedef {{ passed: number, failed: number, skipped: number, failures: string[] }} Counts */

/** @returns {Counts} */
export function countVitest(report) {
  const unloaded = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  )
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + unloaded.length,
    skipped: report.numPendingTests + report.numTodoTests,
    failures: unloaded.map((file) => `${file.name} did not load: ${firstLine(file.message)}`),
  }
}

/** @returns {Counts} */
export function countPlaywright(report) {
  // Playwright lists a spec that cannot load among its top-level errors, not as a test.
  const errors = report.errors ?? []
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected + errors.length,
    skipped: report.stats.skipped,
    failures: errors.map((e) => `${e.location?.file ?? 'Playwright'}: ${firstLine(e.message)}`),
  }
}

const firstLine = (text) => String(text ?? '').split('\n')[0]
