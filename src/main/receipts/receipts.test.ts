import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { paperWidths } from '../../shared/receipt-settings'
import type { RefundReceipt, SaleReceipt } from './receipt'
import { receiptDocument } from './receipt-document'
import { receiptsByKind } from './receipt-fixtures.testutil'
import { receiptBytes, receiptText } from './render-receipt'

/** `UPDATE_GOLDEN=1 npx vitest run src/main/receipts` rewrites the golden files after a deliberate change. */
const update = process.env['UPDATE_GOLDEN'] === '1'
const golden = (name: string) => join(import.meta.dirname, 'golden', name)

const ESC_INIT = Buffer.from([0x1b, 0x40])
const CUT = Buffer.from([0x1d, 0x56, 0x42, 0x00]) // GS V B 0: feed and cut
const STAR_CUT = Buffer.from([0x1b, 0x64, 0x33]) // ESC d 3: feed and full cut

describe('receipt text, one golden file per kind and paper width', () => {
  for (const [kind, receipt] of Object.entries(receiptsByKind)) {
    for (const width of paperWidths) {
      it(`${kind} on ${width} mm paper`, () => {
        const actual = receiptText(receiptDocument(receipt, width), width)
        const file = golden(`${kind}-${width}mm.txt`)
        if (update) writeFileSync(file, actual)
        expect(existsSync(file), `golden file ${file}`).toBe(true)
        expect(actual).toBe(readFileSync(file, 'utf8'))
        const longest = Math.max(...actual.split('\n').map((l) => l.trimEnd().length))
        expect(longest).toBeLessThanOrEqual(width === 58 ? 32 : 48)
      })
    }
  }
})

describe('receipt document', () => {
  const sale = receiptsByKind.sale as SaleReceipt

  it('prints markup characters and odd input as typed, and no control code reaches the printer', () => {
    const description = 'A|B {x} -- = _u_ "b" `i` ^^ ~ \\ \x1b@\x1dV'
    const doc = receiptDocument({ ...sale, description }, 80)
    const text = receiptText(doc, 80)
    expect(text).toContain('A|B {x} -- = _u_ "b" `i` ^^ ~ \\')
    const bytes = receiptBytes(doc, 80, 'escpos')
    // Exactly one initialise (the printer's own) and one cut: the typed ESC @ and GS V were dropped.
    expect(count(bytes, ESC_INIT)).toBe(1)
    expect(count(bytes, CUT)).toBe(1)
  })

  it('marks a reprint as a copy', () => {
    const text = receiptText(
      receiptDocument({ ...sale, header: { ...sale.header, copy: true } }, 58),
      58,
    )
    expect(text.split('\n').map((l) => l.trim())).toContain('COPY')
  })

  it('keeps BTCPay’s bitcoin and rate decimals exactly', () => {
    const text = receiptText(
      receiptDocument(
        {
          ...sale,
          amount: { minor: 1999, currency: 'USD' },
          payments: [{ method: 'on-chain', btc: '0.00031991015', rate: '62487.123456' }],
        },
        80,
      ),
      80,
    )
    expect(text).toContain('0.00031991015 BTC')
    expect(text).toContain('1 BTC = US$62,487.123456')
    expect(text).toContain('US$19.99')
  })

  it('writes amounts and dates in the shop’s locale', () => {
    const header = { ...sale.header, locale: 'de-DE' }
    const text = receiptText(receiptDocument({ ...sale, header }, 80), 80)
    expect(text).toContain('12,50 €')
    expect(text).toContain('05.12.2026, 19:59')
    expect(text).toContain('1 BTC = 46.000,00 €')
  })
})

describe('ESC/POS stream', () => {
  const sale = receiptsByKind.sale as SaleReceipt
  const refund = receiptsByKind.refund as RefundReceipt
  const withQr = [
    { receipt: sale, qr: sale.link as string, what: 'the invoice link' },
    { receipt: refund, qr: refund.claimLink, what: 'the refund’s claim link' },
  ]
  for (const { receipt, qr: link, what } of withQr) {
    for (const width of paperWidths) {
      it(`${receipt.kind} on ${width} mm: initialises, prints ${what} as a QR code, ends with a cut`, () => {
        const bytes = receiptBytes(receiptDocument(receipt, width), width, 'escpos')
        expect(bytes.subarray(0, 2).equals(ESC_INIT)).toBe(true)
        const cutAt = bytes.lastIndexOf(CUT)
        expect(cutAt).toBeGreaterThan(bytes.length - 16)
        const qr = rasterQr(bytes)
        const expected = QRCode.create([{ data: Buffer.from(link), mode: 'byte' }], {
          errorCorrectionLevel: 'M',
        }).modules
        expect(qr.length).toBe(expected.size)
        for (let y = 0; y < qr.length; y++)
          for (let x = 0; x < qr.length; x++)
            expect(qr[y]![x], `module ${x},${y}`).toBe(expected.get(y, x) ? 1 : 0)
      })
    }
  }

  it('a void slip ends with a cut and carries no QR code: there is nothing to pay or claim', () => {
    for (const width of paperWidths) {
      const bytes = receiptBytes(receiptDocument(receiptsByKind.void, width), width, 'escpos')
      expect(bytes.lastIndexOf(CUT)).toBeGreaterThan(bytes.length - 16)
      expect(bytes.indexOf(Buffer.from([0x1d, 0x38, 0x4c]))).toBe(-1)
    }
  })

  it('a refund slip says what BTCPay pays out, exactly, in the pull payment’s currency', () => {
    const fiat = receiptText(
      receiptDocument({ ...refund, payout: { amount: '12.505', currency: 'EUR' } }, 80),
      80,
    )
    expect(fiat).toMatch(/Pays out +€12\.505/)
    const btc = receiptText(receiptDocument(refund, 58), 58)
    expect(btc).toMatch(/Pays out +0\.00027174 BTC/)
  })

  it('StarPRNT stream ends with a Star cut', () => {
    const bytes = receiptBytes(receiptDocument(receiptsByKind.refund, 80), 80, 'starprnt')
    expect(bytes.lastIndexOf(STAR_CUT)).toBeGreaterThan(bytes.length - 16)
  })
})

function count(haystack: Buffer, needle: Buffer): number {
  let n = 0
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++
  return n
}

/**
 * The QR code as receiptline sends it: a raster graphic (GS 8 L … fn 112, then GS ( L fn 50 to
 * print it), 4 dots per module. Read back into a matrix of modules.
 */
function rasterQr(bytes: Buffer): number[][] {
  const store = bytes.indexOf(Buffer.from([0x1d, 0x38, 0x4c]))
  expect(store, 'GS 8 L (store raster graphic)').toBeGreaterThanOrEqual(0)
  const head = bytes.subarray(store + 7, store + 17) // m fn a bx by c xL xH yL yH
  expect([...head.subarray(0, 6)]).toEqual([48, 112, 48, 1, 1, 49])
  const w = head.readUInt16LE(6)
  const h = head.readUInt16LE(8)
  const data = bytes.subarray(store + 17, store + 17 + ((w + 7) >> 3) * h)
  const printAt = store + 17 + data.length
  expect([...bytes.subarray(printAt, printAt + 7)]).toEqual([0x1d, 0x28, 0x4c, 2, 0, 48, 50])
  const cell = 4
  const size = w / cell
  const rowBytes = (w + 7) >> 3
  return Array.from({ length: size }, (_, y) =>
    Array.from({ length: size }, (_, x) => {
      const px = x * cell
      return (data[y * cell * rowBytes + (px >> 3)]! >> (7 - (px & 7))) & 1
    }),
  )
}
