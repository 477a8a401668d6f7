// The control API over HTTP: one table of (method, path, call) rows under /_control, each row a
// thin JSON wrapper around a Control method. Errors become {error} with the ControlError's status.
import type { Ctx } from '../core/http'
import { isObject, parseJsonBody, queryGet, Router, sendJson } from '../core/http'
import type { Settings } from '../core/context'
import type { FaultSpec } from '../core/faults'
import type { PaymentMethodId } from '../core/invoices'
import type { PayoutMethodId } from '../core/pull-payments'
import type { StoreData } from '../core/state'
import type { Control, PayOptions } from './control'
import { ControlError } from './control'

function body(ctx: Ctx): Record<string, unknown> {
  const parsed = parseJsonBody(ctx)
  if (!parsed.ok) throw new ControlError(400, 'body must be JSON')
  if (parsed.value === undefined) return {}
  if (!isObject(parsed.value)) throw new ControlError(400, 'body must be a JSON object')
  return parsed.value
}

const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const id = (ctx: Ctx): string => ctx.params['id'] ?? ''

type Call = (c: Control, ctx: Ctx) => unknown

/** Every control route: [method, path under /_control, call]. */
const ROUTES: ReadonlyArray<readonly [string, string, Call]> = [
  ['GET', '/info', (c) => c.info()],
  ['POST', '/reset', (c) => c.reset()],
  ['POST', '/stores', (c, ctx) => c.createStore(body(ctx) as Partial<StoreData>)],
  [
    'POST',
    '/stores/:id/rates',
    (c, ctx) => {
      const b = body(ctx)
      return c.setRate(id(ctx), String(b['currency'] ?? ''), String(b['rate'] ?? ''))
    },
  ],
  [
    'POST',
    '/pairing-codes',
    (c, ctx) => {
      const b = body(ctx)
      return c.createPairingCode({ storeId: optString(b['storeId']), label: optString(b['label']) })
    },
  ],
  [
    'POST',
    '/pairing-codes/:id/approve',
    (c, ctx) => c.approvePairingCode(id(ctx), optString(body(ctx)['storeId'])),
  ],
  ['GET', '/tokens', (c) => c.listTokens()],
  [
    'POST',
    '/tokens',
    (c, ctx) => {
      const b = body(ctx)
      return c.pairPublicKey({
        publicKey: String(b['publicKey'] ?? ''),
        label: optString(b['label']),
        storeId: optString(b['storeId']),
      })
    },
  ],
  [
    'DELETE',
    '/tokens/:id',
    (c, ctx) => {
      if (!c.revokeToken(id(ctx))) throw new ControlError(404, 'token not found')
      return { revoked: id(ctx) }
    },
  ],
  ['POST', '/legacy-api-keys', (c, ctx) => c.createLegacyApiKey(optString(body(ctx)['storeId']))],
  [
    'POST',
    '/api-keys',
    (c, ctx) => {
      const b = body(ctx)
      return c.createApiKey({
        permissions: b['permissions'] as string[],
        label: optString(b['label']),
      })
    },
  ],
  ['GET', '/invoices', (c, ctx) => c.listInvoices(queryGet(ctx, 'storeId'))],
  ['GET', '/invoices/:id', (c, ctx) => c.getInvoice(id(ctx))],
  ['POST', '/invoices/:id/pay', (c, ctx) => c.pay(id(ctx), body(ctx) as PayOptions)],
  ['POST', '/invoices/:id/confirm', (c, ctx) => c.confirm(id(ctx))],
  ['POST', '/invoices/:id/expire', (c, ctx) => c.expire(id(ctx))],
  ['POST', '/invoices/:id/invalidate', (c, ctx) => c.invalidate(id(ctx))],
  [
    'POST',
    '/invoices/:id/mark',
    (c, ctx) => c.mark(id(ctx), body(ctx)['status'] as 'Settled' | 'Invalid'),
  ],
  [
    'POST',
    '/payment-requests/:id/pay',
    (c, ctx) => {
      const b = body(ctx)
      return c.payPaymentRequest(id(ctx), {
        amount: optString(b['amount']),
        paymentMethod: optString(b['paymentMethod']) as PaymentMethodId | undefined,
      })
    },
  ],
  ['GET', '/pull-payments', (c) => c.listPullPayments()],
  [
    'POST',
    '/pull-payments/:id/claim',
    (c, ctx) => {
      const b = body(ctx)
      return c.claimPullPayment(id(ctx), {
        destination: optString(b['destination']),
        amount: optString(b['amount']),
        payoutMethodId: optString(b['payoutMethodId']) as PayoutMethodId | undefined,
      })
    },
  ],
  ['POST', '/payouts/:id/approve', (c, ctx) => c.approvePayout(id(ctx))],
  ['POST', '/payouts/:id/pay', (c, ctx) => c.payPayout(id(ctx))],
  ['GET', '/clock', (c) => ({ now: c.now() })],
  ['POST', '/clock/advance', (c, ctx) => ({ now: c.advanceClock(body(ctx)['ms'] as number) })],
  [
    'POST',
    '/clock/set',
    (c, ctx) => ({ now: c.setClock((body(ctx)['epochMs'] ?? null) as number | null) }),
  ],
  ['GET', '/faults', (c) => c.listFaults()],
  ['POST', '/faults', (c, ctx) => c.addFault(body(ctx) as unknown as FaultSpec)],
  ['DELETE', '/faults', (c) => c.clearFaults()],
  [
    'DELETE',
    '/faults/:id',
    (c, ctx) => {
      if (!c.removeFault(id(ctx))) throw new ControlError(404, 'fault not found')
      return { removed: id(ctx) }
    },
  ],
  ['POST', '/websockets/drop', (c) => ({ dropped: c.dropWebsockets() })],
  ['GET', '/settings', (c) => c.info().settings],
  ['POST', '/settings', (c, ctx) => c.setSettings(body(ctx) as Partial<Settings>)],
]

export function controlRouter(control: Control): Router {
  const r = new Router()
  for (const [method, path, call] of ROUTES)
    r.on(method, `/_control${path}`, (ctx) => {
      try {
        const result = call(control, ctx)
        sendJson(ctx, 200, result === undefined ? { ok: true } : result)
      } catch (e) {
        if (e instanceof ControlError) sendJson(ctx, e.status, { error: e.message })
        else throw e
      }
    })
  return r
}
