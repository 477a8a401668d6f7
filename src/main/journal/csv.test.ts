import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from './csv'
import type { Sale } from './sale'

const intlDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits ?? 2

const base: Sale = {
  id: '11111111-2222-4333-8444-555555555555',
  orderId: 'TILL1-7',
  sequence: 7,
  createdAt: Date.UTC(2026, 10, 21, 9, 30, 5, 123),
  updatedAt: Date.UTC(2026, 10, 21, 9, 31, 0),
  amountMinor: 1250,
  currency: 'USD',
  description: null,
  cashier: null,
  invoiceId: 'INV1',
  status: 'complete',
  exceptionStatus: 'none',
  checkoutLink: 'https://pay.example.com/i/INV1',
  expiresAt: null,
  cancelledAt: null,
  paymentRequestId: null,
  rev: 4,
}

/** Minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

describe('toCsv', () => {
  it('writes a header and one CRLF row per sale with exact decimals and UTC ISO times', () => {
    const csv = toCsv([base], { minorDigits: intlDigits })
    expect(csv).toBe(
      'createdAt,orderId,invoiceId,currency,amount,cancelledAt,status,exceptionStatus,description,cashier,paymentRequestId,updatedAt,id\r\n' +
        '2026-11-21T09:30:05.123Z,TILL1-7,INV1,USD,12.50,,complete,none,,,,2026-11-21T09:31:00.000Z,11111111-2222-4333-8444-555555555555\r\n',
    )
  })

  it('uses the currency exponent from Intl: JPY 0 and BHD 3 digits, no float rounding', () => {
    const rows = parseCsv(
      toCsv(
        [
          { ...base, currency: 'JPY', amountMinor: 1500 },
          { ...base, currency: 'BHD', amountMinor: 1005 },
          { ...base, currency: 'USD', amountMinor: 900_719_925_474_099 },
          { ...base, currency: 'USD', amountMinor: 1 },
        ],
        { minorDigits: intlDigits },
      ),
    )
    expect(rows.slice(1).map((r) => [r[3], r[4]])).toEqual([
      ['JPY', '1500'],
      ['BHD', '1.005'],
      ['USD', '9007199254740.99'],
      ['USD', '0.01'],
    ])
  })

  it('marks a counter payment of a payment request with the request’s id', () => {
    const [header, row] = parseCsv(
      toCsv([{ ...base, paymentRequestId: 'PR-77' }], { minorDigits: intlDigits }),
    )
    expect(row![header!.indexOf('paymentRequestId')]).toBe('PR-77')
  })

  it('says when the cashier cancelled a sale, so money that came after shows in the export', () => {
    const cancelled = {
      ...base,
      status: 'paid' as const,
      cancelledAt: Date.UTC(2026, 10, 21, 9, 30, 40),
    }
    const [, row] = parseCsv(toCsv([cancelled], { minorDigits: intlDigits }))
    expect([row![5], row![6]]).toEqual(['2026-11-21T09:30:40.000Z', 'paid'])
  })

  it('quotes commas, quotes, line breaks and keeps unicode intact', () => {
    const description = 'Café "Zur Linde", 2× Kaffee\nand a 🥐\r\nthanks'
    const csv = toCsv([{ ...base, description, cashier: 'Zoë' }], { minorDigits: intlDigits })
    const rows = parseCsv(csv)
    expect(rows).toHaveLength(2)
    expect(rows[1]![8]).toBe(description)
    expect(rows[1]![9]).toBe('Zoë')
    expect(csv).toContain('"Café ""Zur Linde"", 2× Kaffee\nand a 🥐\r\nthanks"')
  })

  it('defuses text a spreadsheet would run as a formula', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+1+2', '-3+4', '@SUM(A1)', '\tx', 'fine']
    const rows = parseCsv(
      toCsv(
        evil.map((description, i) => ({ ...base, description, cashier: i === 0 ? '=1+1' : null })),
        { minorDigits: intlDigits },
      ),
    )
    expect(rows.slice(1).map((r) => r[8])).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1+2",
      "'-3+4",
      "'@SUM(A1)",
      "'\tx",
      'fine',
    ])
    expect(rows[1]![9]).toBe("'=1+1")
    expect(csvField('=a,b')).toBe(`"'=a,b"`)
  })

  it('writes only the header for no sales, and a BOM when asked', () => {
    expect(parseCsv(toCsv([], { minorDigits: intlDigits }))).toHaveLength(1)
    expect(toCsv([], { minorDigits: intlDigits, bom: true }).startsWith('\uFEFFcreatedAt,')).toBe(
      true,
    )
  })
})
