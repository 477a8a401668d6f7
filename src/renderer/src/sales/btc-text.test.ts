import { describe, expect, it } from 'vitest'
import { btcToMinor } from './btc-text'

describe('btcToMinor', () => {
  it.each([
    ['0.00025', '50000', 'USD', 1250],
    ['0.0000336', '62500.5', 'USD', 210], // 2.1000168
    ['0.00001', '62500', 'USD', 63], // 0.625 rounds half up
    ['0.001', '15000000', 'JPY', 15000],
    ['0.0001', '38000.123', 'BHD', 3800], // 3.8000123
    ['1', '62500.5', 'USD', 6250050],
  ])('%s BTC at %s %s is %i minor units', (btc, rate, currency, minor) => {
    expect(btcToMinor(btc, rate, currency)).toBe(minor)
  })

  it('has no answer without an amount or a rate, or for text that is not a decimal', () => {
    expect(btcToMinor(null, '50000', 'USD')).toBeNull()
    expect(btcToMinor('0.1', null, 'USD')).toBeNull()
    expect(btcToMinor('1e-5', '50000', 'USD')).toBeNull()
  })
})
