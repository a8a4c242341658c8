// Prints one plain closing line, "N passed, N failed, N skipped", after vitest's own summary.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const scenarioSuites: string[] = [];
    for (const m of modules) {
      for (const suite of m.children.allSuites()) {
        if (/\(\d+ scenarios\)/.test(suite.name)) scenarioSuites.push(`${suite.name}: ${suite.state()}`);
      }
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed += 1;
    }
    // After vitest's own summary, so it is the closing line.
    const scenarios = scenarioSuites.map((s) => `${s}\n`).join('');
    process.once('exit', () => process.stdout.write(`\n${scenarios}${passed} passed, ${failed} failed, ${skipped} skipped\n`));
  }
}
