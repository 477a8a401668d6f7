/**
 * Waits until `check` holds (it may be async), looking again every few milliseconds; throws
 * after `ms`, naming `what`. The limit is generous because the machine running the tests may be
 * busy: a test that passes never waits for it.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms = 8000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
