import { describe, expect, it } from 'vitest'
import { csvColumns, csvField, toCsv, type CsvPayment } from './csv'
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
  cart: null,
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

/** A row's field by column name, so the checks survive new columns. */
const field = (row: string[] | undefined, name: string) =>
  row?.[(csvColumns as readonly string[]).indexOf(name)]

describe('toCsv', () => {
  it('writes a header and one CRLF row per sale with exact decimals and UTC ISO times', () => {
    const csv = toCsv([base], { minorDigits: intlDigits })
    expect(csv).toBe(
      'createdAt,orderId,invoiceId,currency,amount,paid,btc,rate,method,cancelledAt,status,exceptionStatus,description,cashier,paymentRequestId,updatedAt,id,items,tip\r\n' +
        '2026-11-21T09:30:05.123Z,TILL1-7,INV1,USD,12.50,12.50,,,,,complete,none,,,,2026-11-21T09:31:00.000Z,11111111-2222-4333-8444-555555555555,,\r\n',
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

  it('fills what was paid in the sale currency, the bitcoin, the rate and the method', () => {
    const records: Record<string, CsvPayment[]> = {
      split: [
        { method: 'on-chain', btc: '0.00003', rate: '64250.5' },
        { method: 'lightning', btc: '0.00003536', rate: '64250.5' },
      ],
      over: [{ method: 'lightning', btc: '0.0002', rate: '50000' }],
      noRate: [{ method: 'on-chain', btc: '0.0001', rate: null }],
    }
    const sales = [
      { ...base, id: 'split', amountMinor: 420 },
      { ...base, id: 'over', amountMinor: 900, exceptionStatus: 'paidOver' as const },
      { ...base, id: 'late', status: 'expired' as const, exceptionStatus: 'paidLate' as const },
      { ...base, id: 'unpaid', status: 'expired' as const },
      {
        ...base,
        id: 'noRate',
        status: 'expired' as const,
        exceptionStatus: 'paidPartial' as const,
      },
    ]
    const rows = parseCsv(
      toCsv(sales, { minorDigits: intlDigits, paymentsOf: (s) => records[s.id] ?? [] }),
    ).slice(1)
    const seen = rows.map((r) => ['paid', 'btc', 'rate', 'method'].map((c) => field(r, c)))
    expect(seen).toEqual([
      ['4.20', '0.00006536', '64250.5', 'on-chain+lightning'],
      ['10.00', '0.0002', '50000', 'lightning'],
      ['12.50', '', '', ''], // paid late counts as paid in full
      ['0.00', '', '', ''],
      ['', '0.0001', '', 'on-chain'], // partly paid, no rate known: no guess
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
    expect([field(row, 'cancelledAt'), field(row, 'status')]).toEqual([
      '2026-11-21T09:30:40.000Z',
      'paid',
    ])
  })

  it('quotes commas, quotes, line breaks and keeps unicode intact', () => {
    const description = 'Café "Zur Linde", 2× Kaffee\nand a 🥐\r\nthanks'
    const csv = toCsv([{ ...base, description, cashier: 'Zoë' }], { minorDigits: intlDigits })
    const rows = parseCsv(csv)
    expect(rows).toHaveLength(2)
    expect(field(rows[1], 'description')).toBe(description)
    expect(field(rows[1], 'cashier')).toBe('Zoë')
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
    expect(rows.slice(1).map((r) => field(r, 'description'))).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+1+2",
      "'-3+4",
      "'@SUM(A1)",
      "'\tx",
      'fine',
    ])
    expect(field(rows[1], 'cashier')).toBe("'=1+1")
    expect(csvField('=a,b')).toBe(`"'=a,b"`)
  })

  it('writes only the header for no sales, and a BOM when asked', () => {
    expect(parseCsv(toCsv([], { minorDigits: intlDigits }))).toHaveLength(1)
    expect(toCsv([], { minorDigits: intlDigits, bom: true }).startsWith('\uFEFFcreatedAt,')).toBe(
      true,
    )
  })
})
