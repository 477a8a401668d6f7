/** What the demo's simulated customer can do to the invoice on screen (`demo:simulate`). */
export const demoActions = [
  'pay',
  'pay-partial',
  'pay-over',
  'pay-late',
  'expire',
  'invalidate',
  'confirm',
] as const
export type DemoAction = (typeof demoActions)[number]
