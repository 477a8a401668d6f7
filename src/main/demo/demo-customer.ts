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
  return {
    async simulateCustomer(invoiceId: string, action: DemoAction): Promise<{ done: true }> {
      const route = routes[action]
      await control(
        controlOrigin,
        `invoices/${encodeURIComponent(invoiceId)}/${route.path}`,
        route.body,
      )
      return { done: true }
    },
    /** The customer opens the request's page on their phone and pays it, in full or `amount`. */
    async simulateRequestPayment(
      paymentRequestId: string,
      amount?: string,
    ): Promise<{ done: true }> {
      await control(controlOrigin, `payment-requests/${encodeURIComponent(paymentRequestId)}/pay`, {
        ...(amount ? { amount } : {}),
        paymentMethod: 'BTC-LN',
      })
      return { done: true }
    },
  }
}

/**
 * The customer claims a refund's pull payment from the QR code, and the store's payout goes out
 * (approved first when BTCPay waits for a manager), so the demo reaches "paid".
 */
export function createDemoRefundClaim(controlOrigin: string | null) {
  return async (pullPaymentId: string): Promise<{ done: true }> => {
    const payout = (await control(
      controlOrigin,
      `pull-payments/${encodeURIComponent(pullPaymentId)}/claim`,
      {},
    )) as {
      id?: string
      state?: string
    }
    const payoutPath = `payouts/${encodeURIComponent(String(payout.id))}`
    if (payout.state === 'AwaitingApproval')
      await control(controlOrigin, `${payoutPath}/approve`, {})
    await control(controlOrigin, `${payoutPath}/pay`, {})
    return { done: true }
  }
}

async function control(origin: string | null, path: string, body: object): Promise<unknown> {
  if (!origin) throw new AppError('not-found', 'Simulated customers exist only in demo mode.')
  const res = await fetch(`${origin}/_control/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => null)
  const answer = res ? ((await res.json().catch(() => null)) as { error?: string } | null) : null
  if (!res?.ok) {
    throw new AppError(
      'bad-request',
      `The demo server refused: ${answer?.error ?? 'it is not running'}.`,
    )
  }
  return answer
}
