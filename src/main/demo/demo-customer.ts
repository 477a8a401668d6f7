import type { DemoAction } from '../../shared/demo'
import { AppError } from '../../shared/ipc/result'

const routes: Record<DemoAction, { path: string; body: object }> = {
  pay: { path: 'pay', body: { mode: 'full' } },
  'pay-partial': { path: 'pay', body: { mode: 'partial' } },
  'pay-over': { path: 'pay', body: { mode: 'over' } },
  // The test server expires the invoice first, then pays it in full.
  'pay-late': { path: 'pay', body: { mode: 'late' } },
  expire: { path: 'expire', body: {} },
  invalidate: { path: 'invalidate', body: {} },
  confirm: { path: 'confirm', body: {} },
}

/**
 * In demo mode the customer is simulated through the BTCPay test server's control API, so a new
 * user can try the whole flow with no real server and no wallet.
 */
export function createDemoCustomer(controlOrigin: string | null) {
  return async (invoiceId: string, action: DemoAction): Promise<{ done: true }> => {
    if (!controlOrigin)
      throw new AppError('not-found', 'Simulated customers exist only in demo mode.')
    const route = routes[action]
    const res = await fetch(
      `${controlOrigin}/_control/invoices/${encodeURIComponent(invoiceId)}/${route.path}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(route.body),
      },
    ).catch(() => null)
    if (!res?.ok) {
      const text = res
        ? ((await res.json().catch(() => null)) as { error?: string } | null)?.error
        : null
      throw new AppError('bad-request', `The demo server refused: ${text ?? 'it is not running'}.`)
    }
    return { done: true }
  }
}
