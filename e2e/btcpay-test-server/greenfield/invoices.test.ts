import { describe, expect, it } from 'vitest'
import {
  convertSchemaForTest,
  validateComponent,
  validateRequest,
  validateResponse,
} from '../openapi/validator'
import { gf, JSON_HEADERS, request } from '../test-helpers'
import type { Json } from './greenfield.testutil'
import { expectValid, S, useGreenfield } from './greenfield.testutil'

const g = useGreenfield()
const { key, call } = g
const api = (path: string): string => `${g.server.url}/api/v1${path}`

const posKey = (): string =>
  key(`btcpay.store.cancreateinvoice:${S}`, `btcpay.store.canviewinvoices:${S}`)

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
    const k = g.server.control.createApiKey({
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

    const other = g.server.control.createStore()
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
    expect(inv['checkoutLink']).toBe(`${g.server.url}/i/${inv['id']}`)
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
    g.server.control.pay(id, { mode: 'partial', sats: 1000 })
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
    g.server.control.pay(id, { mode: 'over' })
    let inv = (await call('GET', `/stores/${S}/invoices/${id}`, k)).json as Json
    expect(inv).toMatchObject({ status: 'Processing', additionalStatus: 'PaidOver' })
    // 40000 sats due, over-payment of 4000 sats = 2.00 USD.
    expect(inv['paidAmount']).toBe('22.00')
    g.server.control.confirm(id)
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

  it('marking Invalid (a void) follows InvoiceEntity.CanMarkInvalid: refused once Settled', async () => {
    const k = key(`btcpay.store.canmodifyinvoices:${S}`)
    const create = async (): Promise<string> =>
      ((await call('POST', `/stores/${S}/invoices`, k, { amount: '5' })).json as Json)[
        'id'
      ] as string
    const mark = (id: string, status: string) =>
      call('POST', `/invoices/${id}/status`, k, { status })
    const settled = await create()
    g.server.control.pay(settled)
    g.server.control.confirm(settled)
    const refused = await mark(settled, 'Invalid')
    expect(refused.status).toBe(422)
    expect(refused.json).toEqual([
      {
        path: 'Status',
        message: 'Status can only be marked to invalid or settled within certain conditions.',
      },
    ])
    expectValid(validateComponent('ValidationProblemDetails', refused.json))
    expect(g.server.control.getInvoice(settled).status).toBe('Settled')
    // BTCPay lets a merchant invalidate a paid but unconfirmed (Processing) invoice: a till must
    // check for money itself before it voids.
    const processing = await create()
    g.server.control.pay(processing)
    expect((await mark(processing, 'Invalid')).json).toMatchObject({
      status: 'Invalid',
      additionalStatus: 'Marked',
    })
    // And an Invalid invoice may still be marked Settled (CanMarkComplete).
    expect((await mark(processing, 'Settled')).json).toMatchObject({ status: 'Settled' })
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
      g.server.control.advanceClock(2000)
    }
    g.server.control.pay(ids[0]!)
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
