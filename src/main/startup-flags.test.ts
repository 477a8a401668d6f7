import { describe, expect, it } from 'vitest'
import { parseStartupFlags } from './startup-flags'

describe('parseStartupFlags', () => {
  it('reads every flag in both spellings and ignores foreign ones', () => {
    expect(
      parseStartupFlags([
        '--no-sandbox',
        '--data-dir',
        '/d',
        '--provision=/p.json',
        '--kiosk',
        '--port',
        '8080',
      ]),
    ).toEqual({
      dataDir: '/d',
      provisionFile: '/p.json',
      kiosk: true,
      port: 8080,
      demo: null,
    })
    expect(parseStartupFlags([])).toEqual({
      dataDir: null,
      provisionFile: null,
      kiosk: false,
      port: null,
      demo: null,
    })
    expect(parseStartupFlags(['--demo', 'http://127.0.0.1:4000/']).demo).toBe(
      'http://127.0.0.1:4000',
    )
  })

  it.each([
    [['--data-dir'], /--data-dir needs a value/],
    [['--data-dir', '--kiosk'], /--data-dir needs a value/],
    [['--port', 'eighty'], /--port must be a number/],
    [['--port', '70000'], /--port must be a number/],
    [['--provision='], /--provision needs a value/],
    [['--demo', 'https://btcpay.example.com'], /loopback URL of the BTCPay test server/],
  ])('explains a bad flag %j', (argv, message) => {
    expect(() => parseStartupFlags(argv)).toThrow(message)
  })
})
