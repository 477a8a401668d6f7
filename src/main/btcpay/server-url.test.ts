import { describe, expect, it } from 'vitest'
import { buildEndpointUrl, parseServerUrl, pathWithId } from './server-url'
import type { ServerUrlErrorCode } from './server-url'

const ACCEPTED: [string, string][] = [
  ['https://btcpay.example.com', 'https://btcpay.example.com'],
  ['https://btcpay.example.com/', 'https://btcpay.example.com'],
  ['https://shop.example.com/btcpay', 'https://shop.example.com/btcpay'],
  ['https://shop.example.com/btcpay/', 'https://shop.example.com/btcpay'],
  ['https://shop.example.com/btcpay//', 'https://shop.example.com/btcpay'],
  ['  HTTPS://BTCPay.Example.COM:443/  ', 'https://btcpay.example.com'],
  ['https://btcpay.example.com:8443', 'https://btcpay.example.com:8443'],
  ['btcpay.example.com', 'https://btcpay.example.com'],
  ['btcpay.example.com/shop', 'https://btcpay.example.com/shop'],
  ['http://localhost:23000', 'http://localhost:23000'],
  ['http://localhost', 'http://localhost'],
  ['localhost:23000', 'https://localhost:23000'],
  ['http://127.0.0.1:49392/', 'http://127.0.0.1:49392'],
  ['http://[::1]:8080', 'http://[::1]:8080'],
  ['http://xyz2abcdefghijklmnopqrstuvwxyz.onion', 'http://xyz2abcdefghijklmnopqrstuvwxyz.onion'],
  ['http://shop.xyz.onion/btcpay', 'http://shop.xyz.onion/btcpay'],
  ['https://shop.example.com.evil.com', 'https://shop.example.com.evil.com'],
  ['https://bücher.example', 'https://xn--bcher-kva.example'],
]

const REJECTED: [string, ServerUrlErrorCode][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['http://shop.example.com', 'insecure-http'],
  ['http://localhost.evil.com', 'insecure-http'],
  ['http://127.0.0.1.nip.io', 'insecure-http'],
  ['http://onion', 'insecure-http'],
  ['http://evil.com/.onion', 'insecure-http'],
  ['ftp://shop.example.com', 'unsupported-scheme'],
  ['javascript:alert(1)', 'unsupported-scheme'],
  ['file:///etc/passwd', 'unsupported-scheme'],
  ['mailto:shop@example.com', 'unsupported-scheme'],
  ['data:text/html,hi', 'unsupported-scheme'],
  ['ws://localhost:1234', 'unsupported-scheme'],
  ['https://user:pass@shop.example.com', 'credentials'],
  ['https://user@shop.example.com', 'credentials'],
  ['https://shop.example.com/?storeId=abc', 'query'],
  ['https://shop.example.com/?', 'query'],
  ['http://evil.com?.onion', 'query'],
  ['https://shop.example.com/#top', 'fragment'],
  ['https://shop.example.com#', 'fragment'],
  ['http://evil.com#.onion', 'fragment'],
  ['https://', 'invalid'],
  ['https://exa mple.com', 'invalid'],
  ['not a url at all', 'invalid'],
  ['https://[::1', 'invalid'],
]

describe('parseServerUrl', () => {
  for (const [input, expected] of ACCEPTED) {
    it(`accepts ${JSON.stringify(input)} as ${expected}`, () => {
      expect(parseServerUrl(input)).toEqual({ ok: true, url: expected })
    })
  }
  for (const [input, code] of REJECTED) {
    it(`rejects ${JSON.stringify(input)} (${code})`, () => {
      const r = parseServerUrl(input)
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.code).toBe(code)
      expect(r.message.length).toBeGreaterThan(20)
    })
  }
  it('keeps a look-alike host distinct', () => {
    const r = parseServerUrl('https://shop.example.com.evil.com/btcpay')
    expect(r.ok && new URL(r.url).hostname).toBe('shop.example.com.evil.com')
  })
})

describe('buildEndpointUrl', () => {
  it('keeps the path base and adds the query once, in the form that goes on the wire', () => {
    expect(buildEndpointUrl('https://shop.example.com/btcpay', '/invoices')).toBe(
      'https://shop.example.com/btcpay/invoices',
    )
    expect(
      buildEndpointUrl('https://shop.example.com/btcpay', pathWithId('/invoices', 'A b/c?'), {
        token: 'to ken+/',
      }),
    ).toBe('https://shop.example.com/btcpay/invoices/A%20b%2Fc%3F?token=to+ken%2B%2F')
    expect(
      buildEndpointUrl('http://127.0.0.1:1234', '/invoices', {
        token: 't',
        orderId: 'POS-1',
        status: undefined,
        limit: 5,
      }),
    ).toBe('http://127.0.0.1:1234/invoices?token=t&orderId=POS-1&limit=5')
  })
  it('is idempotent under WHATWG URL parsing (fetch sends exactly this href)', () => {
    const href = buildEndpointUrl('https://Shop.Example.com:443/btcpay', '/invoices/ü', {
      q: 'Café ☕ (1)',
    })
    expect(new URL(href).href).toBe(href)
    expect(new Request(href).url).toBe(href)
  })
  it('rejects a relative path', () => {
    expect(() => buildEndpointUrl('https://x.example', 'invoices')).toThrow()
  })
})
