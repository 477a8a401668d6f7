import { describe, expect, it } from 'vitest'
import { salePhases } from '../../../shared/sale'
import { checkoutHints, readCheckoutMessage } from './checkout-messages'
import { dateSpan, dayRange, dayStart, isoDate, parseIsoDate } from './day-range'
import { embedTarget } from './embed-url'
import { phaseLook } from './phases'

describe('readCheckoutMessage', () => {
  it.each([
    ['loaded', { kind: 'loaded' }],
    ['close', { kind: 'close' }],
    [
      { invoiceId: 'inv', status: 'New' },
      { kind: 'status', status: 'new' },
    ],
    [
      { invoiceId: 'inv', status: 'Processing' },
      { kind: 'status', status: 'processing' },
    ],
    [
      { invoiceId: 'inv', status: 'Settled' },
      { kind: 'status', status: 'settled' },
    ],
    [
      { invoiceId: 'inv', status: 'Expired' },
      { kind: 'status', status: 'expired' },
    ],
    [
      { invoiceId: 'inv', status: 'Invalid' },
      { kind: 'status', status: 'invalid' },
    ],
    [
      { invoiceId: 'inv', status: 'new' },
      { kind: 'status', status: 'new' },
    ],
    [
      { invoiceId: 'inv', status: 'paid' },
      { kind: 'status', status: 'processing' },
    ],
    [
      { invoiceId: 'inv', status: 'confirmed' },
      { kind: 'status', status: 'settled' },
    ],
    [
      { invoiceId: 'inv', status: 'complete' },
      { kind: 'status', status: 'settled' },
    ],
    [
      { invoiceId: 'inv', status: 'expired' },
      { kind: 'status', status: 'expired' },
    ],
    [
      { invoiceId: 'inv', status: 'invalid' },
      { kind: 'status', status: 'invalid' },
    ],
  ])('%j → %j', (data, message) => {
    expect(readCheckoutMessage(data, 'inv')).toEqual(message)
  })

  it.each([
    [{ invoiceId: 'other', status: 'Settled' }],
    [{ invoiceId: 'inv', status: 'toString' }],
    [{ invoiceId: 'inv', status: 'constructor' }],
    [{ invoiceId: 'inv' }],
    [{ status: 'Settled' }],
    [{ invoiceId: 1, status: 'Settled' }],
    ['nfc:startScan'],
    [null],
    [42],
    [['loaded']],
    [{ open: 'bitcoin:abc' }],
  ])('ignores %j', (data) => {
    expect(readCheckoutMessage(data, 'inv')).toBeNull()
  })

  it('ignores statuses while the sale has no invoice', () => {
    expect(readCheckoutMessage({ invoiceId: 'inv', status: 'Settled' }, null)).toBeNull()
  })

  it('has a hint for every status', () => {
    for (const s of ['new', 'processing', 'settled', 'expired', 'invalid'] as const) {
      expect(checkoutHints[s]).toBeTruthy()
    }
  })
})

describe('embedTarget', () => {
  const server = 'https://btcpay.example.com'
  it('adds view=modal and keeps the query', () => {
    expect(embedTarget('https://btcpay.example.com/i/abc?lang=de', server)).toEqual({
      ok: true,
      src: 'https://btcpay.example.com/i/abc?lang=de&view=modal',
      origin: 'https://btcpay.example.com',
    })
  })
  it('accepts the paired server with a path base', () => {
    expect(
      embedTarget('https://btcpay.example.com/btcpay/i/abc', 'https://btcpay.example.com/btcpay'),
    ).toMatchObject({ ok: true, src: 'https://btcpay.example.com/btcpay/i/abc?view=modal' })
  })
  it.each([
    ['https://evil.example.com/i/abc'],
    ['http://btcpay.example.com/i/abc'],
    ['https://btcpay.example.com:8443/i/abc'],
    ['javascript:alert(1)'],
    ['not a url'],
  ])('refuses %s', (link) => {
    expect(embedTarget(link, server).ok).toBe(false)
  })
  it('refuses without a link or a server', () => {
    expect(embedTarget(null, server).ok).toBe(false)
    expect(embedTarget('https://btcpay.example.com/i/abc', null).ok).toBe(false)
  })
})

describe('local days', () => {
  const noon = new Date(2026, 2, 15, 12, 30).getTime()
  it('a day runs from local midnight up to the next (half open)', () => {
    const r = dayRange(noon)
    expect(new Date(r.from)).toEqual(new Date(2026, 2, 15))
    expect(r.to).toBe(new Date(2026, 2, 16).getTime())
    expect(dayRange(noon, -1).to).toBe(r.from)
    expect(dayStart(noon, 1)).toBe(r.to)
  })
  it('crosses months and years', () => {
    expect(new Date(dayStart(new Date(2026, 0, 1, 8).getTime(), -1))).toEqual(
      new Date(2025, 11, 31),
    )
  })
  it('converts <input type=date> values', () => {
    expect(isoDate(noon)).toBe('2026-03-15')
    expect(parseIsoDate('2026-03-15')).toBe(new Date(2026, 2, 15).getTime())
    expect(parseIsoDate('2026-02-30')).toBeNull()
    expect(parseIsoDate('')).toBeNull()
  })
  it('spans whole days and refuses a reversed span', () => {
    expect(dateSpan('2026-03-01', '2026-03-15')).toEqual({
      from: new Date(2026, 2, 1).getTime(),
      to: new Date(2026, 2, 16).getTime(),
    })
    expect(dateSpan('2026-03-15', '2026-03-01')).toHaveProperty('error')
    expect(dateSpan('', '2026-03-01')).toHaveProperty('error')
  })
})

describe('phase looks', () => {
  it('every phase has its own title', () => {
    const titles = salePhases.map((p) => phaseLook[p].title)
    expect(new Set(titles).size).toBe(salePhases.length)
  })
})
