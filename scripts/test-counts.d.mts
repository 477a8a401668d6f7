// Types for test-counts.mjs, which stays plain JavaScript so `npm test` runs on Node without a loader.
export type Counts = { passed: number; failed: number; skipped: number; failures: string[] }
export function countVitest(report: unknown): Counts
export function countPlaywright(report: unknown): Counts
