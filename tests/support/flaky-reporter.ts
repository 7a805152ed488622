import type { Reporter, TestCase } from 'vitest/node';

/**
 * Lists, at the end of the run, every test that failed and then passed on its retry, with the
 * first attempt's error: a retry keeps a rare timing failure of a whole-process test from failing
 * the run, and this keeps it from going unnoticed.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    if (!testCase.diagnostic()?.flaky) return;
    const firstError = testCase.result().errors?.[0]?.message?.split('\n')[0] ?? 'no error recorded';
    this.flaky.push(
      `${testCase.module.moduleId.replace(`${process.cwd()}/`, '')} > ${testCase.fullName}\n    first attempt: ${firstError}`,
    );
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) return;
    console.log(`\n[flaky] ${this.flaky.length} test(s) failed, then passed on their retry:`);
    for (const line of this.flaky) console.log(`  - ${line}`);
  }
}
