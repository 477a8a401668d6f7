import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  convertSchemaForTest,
  validateComponent,
  validateRequest,
  validateResponse,
} from '../openapi/validator'
import type { Verdict } from '../openapi/validator'
import type { TestServer } from '../server'
import { DEMO_STORE_ID } from '../core/state'
import { gf, JSON_HEADERS, request, withServer } from '../test-helpers'

let server: TestServer
beforeAll(async () => {
  server = await withServer()
})
afterAll(() => server.close())
afterEach(() => server.control.reset())

type Json = Record<string, unknown>
const S = DEMO_STORE_ID
const api = (path: string): string => `${server.url}/api/v1${path}`

const expectValid = (v: Verdict): void => {
  expect(v.errors).toEqual([])
  expect(v.valid).toBe(true)
}

function key(...policies: string[]): string {
  return server.control.createApiKey({ permissions: policies }).apiKey
}

const posKey = (): string =>
  key(`btcpay.store.cancreateinvoice:${S}`, `btcpay.store.canviewinvoices:${S}`)

async function call(method: string, path: string, apiKey: string, body?: unknown) {
  return request(api(path), {
    method,
    headers: gf(apiKey),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

describe('OpenAPI conversion (honesty checks on the validator itself)', () => {
  it('rejects what the schemas forbid', () => {
    expect(validateComponent('InvoiceData', { id: 'x', status: 'Paid' }).valid).toBe(false)
    expect(validateComponent('InvoiceData', { id: 'x', unknownField: 1 }).valid).toBe(false)
    expect(validateComponent('InvoiceData', { amount: 12.5 }).valid).toBe(false)
    expect(validateComponent('InvoiceData', { amount: '12.5', checkout: null }).valid).toBe(true)
    expect(validateComponent('ValidationProblemDetails', { path: 'x' }).valid).toBe(false)
    expect(validateComponent('ProblemDetails', { code: 1 }).valid).toBe(false)
    expect(
      validateRequest('Invoices_CreateInvoice', { amount: '5', checkout: { speedPolicy: 'Fast' } })
        .valid,
    ).toBe(false)
  })

  it('turns nullable into a null type and an enum with null', () => {
    expect(convertSchemaForTest({ type: 'string', nullable: true, enum: ['A'] })).toEqual({
      type: ['string', 'null'],
      enum: ['A', null],
    })
  })
})

describe('authentication and permissions', () => {
  it('401 unauthenticated without or with an unknown key', async () => {
    const none = await request(api(`/stores/${S}/invoices`), { headers: JSON_HEADERS })
    expect(none.status).toBe(401)
    expect(none.json).toEqual({
      code: 'unauthenticated',
      message: 'Authentication is required for accessing this endpoint',
    })
    const unknown = await call('GET', `/stores/${S}/invoices`, 'deadbeef')
    expect(unknown.status).toBe(401)
    expect(unknown.json).toEqual({
      code: 'unauthenticated',
      message: 'ApiKey authentication failed: Unknown API Key',
    })
    expectValid(validateComponent('ProblemDetails', unknown.json))
  })

  it('accepts "token" and "Bearer"; /api-keys/current describes the key', async () => {
    const k = server.control.createApiKey({
      permissions: [`btcpay.store.canviewinvoices:${S}`],
      label: 'POS',
    })
    for (const scheme of ['token', 'Bearer', 'TOKEN']) {
      const r = await request(api('/api-keys/current'), {
        headers: { Authorization: `${scheme} ${k.apiKey}` },
      })
      expect(r.status).toBe(200)
      expect(r.json).toEqual({
        apiKey: k.apiKey,
        label: 'POS',
        permissions: [`btcpay.store.canviewinvoices:${S}`],
      })
    }
  })

  it('403 missing-permission, honouring scope and the policy hierarchy', async () => {
    const createOnly = key(`btcpay.store.cancreateinvoice:${S}`)
    const created = await call('POST', `/stores/${S}/invoices`, createOnly, {
      amount: '1',
      currency: 'USD',
    })
    expect(created.status).toBe(200)
    const id = (created.json as Json)['id'] as string
    const denied = await call('GET', `/stores/${S}/invoices/${id}`, createOnly)
    expect(denied.status).toBe(403)
    expect(denied.json).toMatchObject({
      code: 'missing-permission',
      missingPermission: 'btcpay.store.canviewinvoices',
    })
    expect((denied.json as Json)['message']).toContain('btcpay.store.canviewinvoices')

    const other = server.control.createStore()
    const scopedElsewhere = key(`btcpay.store.canviewinvoices:${other.id}`)
    expect((await call('GET', `/stores/${S}/invoices/${id}`, scopedElsewhere)).status).toBe(403)

    // Implied: canmodifyinvoices -> view; canviewstoresettings -> view; modifystoresettings -> all.
    for (const p of [
      `btcpay.store.canmodifyinvoices:${S}`,
      'btcpay.store.canviewstoresettings',
      `btcpay.store.canmodifystoresettings:${S}`,
      'unrestricted',
    ]) {
      expect((await call('GET', `/stores/${S}/invoices/${id}`, key(p))).status).toBe(200)
    }
    // canviewinvoices does not grant create.
    const viewOnly = key(`btcpay.store.canviewinvoices:${S}`)
    const noCreate = await call('POST', `/stores/${S}/invoices`, viewOnly, { amount: '1' })
    expect(noCreate.json).toMatchObject({ missingPermission: 'btcpay.store.cancreateinvoice' })
    // Unknown store -> 403 as well.
    expect((await call('GET', `/stores/nope/invoices`, key('unrestricted'))).status).toBe(403)
  })
})

describe('invoices', () => {
  it('creates an invoice matching the OpenAPI InvoiceData schema', async () => {
    const body = {
      amount: '12.50',
      currency: 'USD',
      metadata: { orderId: 'POS-7', itemDesc: 'Tea', posData: { cart: [1, 2] } },
      checkout: { speedPolicy: 'HighSpeed', expirationMinutes: 5, redirectAutomatically: false },
      additionalSearchTerms: ['till-3'],
    }
    expectValid(validateRequest('Invoices_CreateInvoice', body))
    const r = await call('POST', `/stores/${S}/invoices`, posKey(), body)
    expect(r.status).toBe(200)
    expectValid(validateResponse('Invoices_CreateInvoice', 200, r.json))
    const inv = r.json as Json
    expect(inv).toMatchObject({
      storeId: S,
      amount: '12.50',
      paidAmount: '0.00',
      currency: 'USD',
      type: 'Standard',
      status: 'New',
      additionalStatus: 'None',
      archived: false,
      metadata: body.metadata,
      availableStatusesForManualMarking: ['Settled', 'Invalid'],
    })
    expect(inv['checkoutLink']).toBe(`${server.url}/i/${inv['id']}`)
    expect(inv['checkout']).toMatchObject({
      speedPolicy: 'HighSpeed',
      expirationMinutes: 5,
      paymentMethods: ['BTC-CHAIN', 'BTC-LN'],
      redirectAutomatically: false,
    })
    expect((inv['expirationTime'] as number) - (inv['createdTime'] as number)).toBe(300)
    expect(inv).not.toHaveProperty('paymentMethods')
  })

  it('422 validation errors with PascalCase paths; 400 generic-error; OpenAPI shapes', async () => {
    const k = posKey()
    const neg = await call('POST', `/stores/${S}/invoices`, k, { amount: '-1' })
    expect(neg.status).toBe(422)
    expect(neg.json).toEqual([{ path: 'Amount', message: 'The amount should be 0 or more.' }])
    expectValid(validateComponent('ValidationProblemDetails', neg.json))
    const pm = await call('POST', `/stores/${S}/invoices`, k, {
      amount: '1',
      checkout: { paymentMethods: ['BTC-CHAIN', 'DOGE'], expirationMinutes: 0.1 },
    })
    expect(pm.status).toBe(422)
    expect(pm.json).toEqual([
      { path: 'Checkout.PaymentMethods[1]', message: 'Invalid PaymentMethodId' },
      { path: 'Checkout.Expiration', message: 'Expiration time must be at least 30 seconds' },
    ])
    const garbage = await request(api(`/stores/${S}/invoices`), {
      method: 'POST',
      headers: gf(k),
      body: '{',
    })
    expect(garbage.status).toBe(422)
    expectValid(validateComponent('ValidationProblemDetails', garbage.json))
    const currency = await call('POST', `/stores/${S}/invoices`, k, {
      amount: '1',
      currency: 'XYZ',
    })
    expect(currency.status).toBe(400)
    expect((currency.json as Json)['code']).toBe('generic-error')
    expectValid(validateComponent('ProblemDetails', currency.json))
  })

  it('gets (store-scoped and store-less), with payment methods, and 404 invoice-not-found', async () => {
    const k = posKey()
    const id = (
      (await call('POST', `/stores/${S}/invoices`, k, { amount: 10, currency: 'EUR' })).json as Json
    )['id'] as string
    server.control.pay(id, { mode: 'partial', sats: 1000 })
    const scoped = await call('GET', `/stores/${S}/invoices/${id}?includePaymentMethods=true`, k)
    expect(scoped.status).toBe(200)
    expectValid(validateComponent('InvoiceDataList', [scoped.json]))
    const inv = scoped.json as Json
    expect(inv['additionalStatus']).toBe('PaidPartial')
    const pms = inv['paymentMethods'] as Json[]
    expect(pms).toHaveLength(2)
    // 10 EUR / 46000 = 21739.13 sats -> 21740; 1000 paid.
    expect(pms[0]).toMatchObject({
      paymentMethodId: 'BTC-CHAIN',
      amount: '0.0002174',
      totalPaid: '0.00001',
      paymentMethodPaid: '0.00001',
      due: '0.0002074',
      rate: '46000',
    })
    expect(
      (pms[0]!['paymentLink'] as string).startsWith(
        `bitcoin:${pms[0]!['destination']}?amount=0.0002074`,
      ),
    ).toBe(true)
    expect((pms[0]!['payments'] as Json[])[0]).toMatchObject({
      value: '0.00001',
      status: 'Processing',
    })
    expect(pms[1]!['paymentLink']).toMatch(/^lightning:lnbcrt/)
    const storeless = await call('GET', `/invoices/${id}`, k)
    expect(storeless.status).toBe(200)
    expectValid(validateResponse('Invoices_GetInvoice', 200, storeless.json))
    const methods = await call('GET', `/stores/${S}/invoices/${id}/payment-methods`, k)
    expect(methods.status).toBe(200)
    expectValid(validateResponse('Invoices_GetInvoicePaymentMethods', 200, methods.json))
    const missing = await call('GET', `/stores/${S}/invoices/nope`, k)
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({
      code: 'invoice-not-found',
      message: 'The invoice was not found',
    })
    const missingStoreless = await call('GET', `/invoices/nope`, k)
    expect(missingStoreless.status).toBe(404)
  })

  it('follows statuses, paidAmount and manual marking', async () => {
    const k = key(`btcpay.store.canmodifyinvoices:${S}`)
    const id = (
      (await call('POST', `/stores/${S}/invoices`, k, { amount: '20', currency: 'USD' }))
        .json as Json
    )['id'] as string
    server.control.pay(id, { mode: 'over' })
    let inv = (await call('GET', `/stores/${S}/invoices/${id}`, k)).json as Json
    expect(inv).toMatchObject({ status: 'Processing', additionalStatus: 'PaidOver' })
    // 40000 sats due, over-payment of 4000 sats = 2.00 USD.
    expect(inv['paidAmount']).toBe('22.00')
    server.control.confirm(id)
    inv = (await call('GET', `/stores/${S}/invoices/${id}`, k)).json as Json
    expect(inv['status']).toBe('Settled')
    expect(inv['availableStatusesForManualMarking']).toEqual([])

    const id2 = ((await call('POST', `/stores/${S}/invoices`, k, { amount: '1' })).json as Json)[
      'id'
    ] as string
    const marked = await call('POST', `/stores/${S}/invoices/${id2}/status`, k, {
      status: 'Invalid',
    })
    expect(marked.status).toBe(200)
    expectValid(validateResponse('Invoices_MarkInvoiceStatus', 200, marked.json))
    expect(marked.json).toMatchObject({ status: 'Invalid', additionalStatus: 'Marked' })
    const badMark = await call('POST', `/stores/${S}/invoices/${id2}/status`, k, { status: 'New' })
    expect(badMark.status).toBe(422)
    expect((await call('DELETE', `/stores/${S}/invoices/${id2}`, k)).status).toBe(200)
    const listed = (await call('GET', `/stores/${S}/invoices`, k)).json as Json[]
    expect(listed.map((i) => i['id'])).toEqual([id])
  })

  it('lists with orderId (repeatable), status, dates, textSearch, skip/take', async () => {
    const k = posKey()
    const ids: string[] = []
    for (const orderId of ['o-1', 'o-2', 'o-3']) {
      const r = await call('POST', `/stores/${S}/invoices`, k, {
        amount: '1',
        metadata: { orderId },
      })
      ids.push((r.json as Json)['id'] as string)
      server.control.advanceClock(2000)
    }
    server.control.pay(ids[0]!)
    const list = async (q: string) => {
      const r = await call('GET', `/stores/${S}/invoices${q}`, k)
      expect(r.status).toBe(200)
      expectValid(validateResponse('Invoices_GetInvoices', 200, r.json))
      return (r.json as Json[]).map((i) => i['id'])
    }
    expect(await list('')).toEqual([ids[2], ids[1], ids[0]])
    expect(await list('?orderId=o-1&orderId=o-3')).toEqual([ids[2], ids[0]])
    expect(await list('?status=Processing')).toEqual([ids[0]])
    expect(await list('?status=New&status=Processing')).toHaveLength(3)
    expect(await list('?textSearch=O-2')).toEqual([ids[1]])
    expect(await list('?skip=1&take=1')).toEqual([ids[1]])
    const created = (await call('GET', `/stores/${S}/invoices/${ids[1]}`, k)).json as Json
    expect(await list(`?startDate=${created['createdTime']}`)).toEqual([ids[2], ids[1]])
    const bad = await call('GET', `/stores/${S}/invoices?startDate=200&endDate=100`, k)
    expect(bad.status).toBe(422)
    expect(bad.json).toEqual([
      { path: 'startDate', message: 'startDate should not be above endDate' },
      { path: 'endDate', message: 'endDate should not be below startDate' },
    ])
    expect(await list('?includePaymentMethods=true')).toHaveLength(3)
  })
})

describe('payment requests', () => {
  const prKey = (): string =>
    key(`btcpay.store.canmodifypaymentrequests:${S}`, `btcpay.store.canviewinvoices:${S}`)

  it('create, get, list, update, archive, with OpenAPI shapes', async () => {
    const k = prKey()
    const body = {
      amount: '25.00',
      currency: 'USD',
      title: 'Table 5',
      description: '<p>Dinner</p>',
      referenceId: 'T5',
    }
    expectValid(validateRequest('PaymentRequests_CreatePaymentRequest', body))
    const created = await call('POST', `/stores/${S}/payment-requests`, k, body)
    expect(created.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_CreatePaymentRequest', 200, created.json))
    const pr = created.json as Json
    expect(pr).toMatchObject({
      storeId: S,
      currency: 'USD',
      title: 'Table 5',
      status: 'Pending',
      archived: false,
      referenceId: 'T5',
      expiryDate: null,
      allowCustomPaymentAmounts: false,
    })
    // BTCPay writes the PR amount as a JSON number (decimal scale kept).
    expect(created.text).toContain('"amount":25.00')
    const id = pr['id'] as string
    const got = await call('GET', `/payment-requests/${id}`, k)
    expectValid(validateResponse('PaymentRequests_GetPaymentRequest', 200, got.json))
    const listed = await call('GET', `/stores/${S}/payment-requests`, k)
    expectValid(validateResponse('PaymentRequests_GetPaymentRequests', 200, listed.json))
    expect((listed.json as Json[]).map((p) => p['id'])).toEqual([id])

    const updated = await call('PUT', `/stores/${S}/payment-requests/${id}`, k, {
      ...body,
      title: 'Table 6',
      amount: '30',
    })
    expect(updated.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_UpdatePaymentRequest', 200, updated.json))
    expect(updated.json).toMatchObject({ title: 'Table 6', amount: 30 })

    expect((await call('DELETE', `/stores/${S}/payment-requests/${id}`, k)).status).toBe(200)
    expect((await call('DELETE', `/stores/${S}/payment-requests/${id}`, k)).status).toBe(404)
    expect((await call('GET', `/stores/${S}/payment-requests`, k)).json).toEqual([])
    expect(
      ((await call('GET', `/stores/${S}/payment-requests?includeArchived=true`, k)).json as Json[])
        .length,
    ).toBe(1)
    const missing = await call('GET', `/stores/${S}/payment-requests/nope`, k)
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({
      code: 'payment-request-not-found',
      message: 'The payment request was not found',
    })
  })

  it('validates create/update (422) and needs canmodifypaymentrequests', async () => {
    const k = prKey()
    const bad = await call('POST', `/stores/${S}/payment-requests`, k, {
      amount: '0',
      currency: 'XXX',
    })
    expect(bad.status).toBe(422)
    expect(bad.json).toEqual([
      { path: 'Amount', message: 'Please provide an amount greater than 0' },
      { path: 'Currency', message: 'Invalid currency' },
      { path: 'Title', message: 'Title is required' },
    ])
    const viewOnly = key(`btcpay.store.canviewpaymentrequests:${S}`)
    const denied = await call('POST', `/stores/${S}/payment-requests`, viewOnly, {
      amount: '1',
      title: 't',
    })
    expect(denied.status).toBe(403)
    expect(denied.json).toMatchObject({
      missingPermission: 'btcpay.store.canmodifypaymentrequests',
    })
  })

  it('pay: creates invoices for the due amount, reuses pending ones, and reports the PR status', async () => {
    const k = prKey()
    const pr = (
      await call('POST', `/stores/${S}/payment-requests`, k, {
        amount: '30',
        title: 'Split bill',
        allowCustomPaymentAmounts: true,
      })
    ).json as Json
    const id = pr['id'] as string
    const viewer = key(`btcpay.store.canviewpaymentrequests:${S}`)
    const payBody = { amount: '10' }
    expectValid(validateRequest('PaymentRequests_Pay', payBody))
    const inv = await call('POST', `/stores/${S}/payment-requests/${id}/pay`, viewer, payBody)
    expect(inv.status).toBe(200)
    expectValid(validateResponse('PaymentRequests_Pay', 200, inv.json))
    expect(inv.json).toMatchObject({
      amount: '10.00',
      currency: 'USD',
      metadata: { orderId: `PAY_REQUEST_${id}`, paymentRequestId: id },
    })
    const invoiceId = (inv.json as Json)['id'] as string
    const reused = await call('POST', `/payment-requests/${id}/pay`, viewer, {
      amount: '10',
      allowPendingInvoiceReuse: true,
    })
    expect((reused.json as Json)['id']).toBe(invoiceId)
    server.control.pay(invoiceId)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Pending',
    )
    const rest = await call('POST', `/payment-requests/${id}/pay`, viewer, {})
    expect((rest.json as Json)['amount']).toBe('20.00')
    server.control.pay((rest.json as Json)['id'] as string)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Processing',
    )
    server.control.confirm(invoiceId)
    server.control.confirm((rest.json as Json)['id'] as string)
    expect(((await call('GET', `/payment-requests/${id}`, k)).json as Json)['status']).toBe(
      'Completed',
    )
    const paid = await call('POST', `/payment-requests/${id}/pay`, viewer, {})
    expect(paid.status).toBe(400)
    expect(paid.json).toEqual({
      code: 'already-paid',
      message: 'This payment request is already paid',
    })
    expectValid(validateResponse('PaymentRequests_Pay', 400, paid.json))
  })

  it('pay errors: custom amount not allowed (422), archived, expired, not found', async () => {
    const k = prKey()
    const mk = async (extra: Json) =>
      (
        (
          await call('POST', `/stores/${S}/payment-requests`, k, {
            amount: '5',
            title: 't',
            ...extra,
          })
        ).json as Json
      )['id'] as string
    const fixed = await mk({})
    const custom = await call('POST', `/payment-requests/${fixed}/pay`, k, { amount: '1' })
    expect(custom.status).toBe(422)
    expect(custom.json).toEqual([
      { path: 'Amount', message: "This payment request doesn't allow custom payment amount" },
    ])
    expectValid(validateResponse('PaymentRequests_Pay', 422, custom.json))
    const archived = await mk({})
    await call('DELETE', `/payment-requests/${archived}`, k)
    expect((await call('POST', `/payment-requests/${archived}/pay`, k, {})).json).toMatchObject({
      code: 'archived',
    })
    const expiring = await mk({ expiryDate: Math.floor(server.control.now() / 1000) + 60 })
    server.control.advanceClock(61_000)
    expect((await call('POST', `/payment-requests/${expiring}/pay`, k, {})).json).toMatchObject({
      code: 'expired',
    })
    expect(((await call('GET', `/payment-requests/${expiring}`, k)).json as Json)['status']).toBe(
      'Expired',
    )
    expect((await call('POST', `/payment-requests/nope/pay`, k, {})).status).toBe(404)
  })
})
