import { describe, expect, it } from 'vitest'
import {
  base58CheckDecode,
  base58Decode,
  base58Encode,
  bech32Encode,
  newPairingCode,
  newRegtestAddress,
  toWords,
} from './encoding'
import {
  fiatMinorToSats,
  formatUnits,
  formatUnitsTrimmed,
  parseRate,
  satsToFiatMinor,
  toDecimalString,
  toUnits,
} from './money'
import { RawNumber, stringify } from './http'

describe('decimal money arithmetic', () => {
  it('parses JSON numbers and strings into exact decimals', () => {
    expect(toDecimalString(12.5)).toBe('12.5')
    expect(toDecimalString(1e-7)).toBe('0.0000001')
    expect(toDecimalString(1.5e21)).toBe('1500000000000000000000')
    expect(toDecimalString(' 3.10 ')).toBe('3.10')
    expect(toDecimalString('1,5')).toBeNull()
    expect(toDecimalString(Number.NaN)).toBeNull()
    expect(toDecimalString(true)).toBeNull()
  })

  it('rounds half to even like C# Math.Round', () => {
    expect(toUnits('0.125', 2)).toBe(12n)
    expect(toUnits('0.135', 2)).toBe(14n)
    expect(toUnits('0.1251', 2)).toBe(13n)
    expect(toUnits('-2.5', 0)).toBe(-2n)
    expect(formatUnits(5n, 2)).toBe('0.05')
    expect(formatUnits(-1234n, 2)).toBe('-12.34')
    expect(formatUnitsTrimmed(25_000n, 8)).toBe('0.00025')
    expect(formatUnitsTrimmed(100_000_000n, 8)).toBe('1')
  })

  it('converts fiat <-> sats with integers only', () => {
    const rate = parseRate('50000.25')
    expect(fiatMinorToSats(100n, 2, rate)).toBe(2000n) // 1.00 / 50000.25 = 1999.99 sats -> 2000
    expect(satsToFiatMinor(2000n, 2, rate)).toBe(100n)
    expect(fiatMinorToSats(1n, 2, parseRate('100000000'))).toBe(1n)
  })

  it('writes exact JSON numbers', () => {
    expect(stringify({ a: new RawNumber('25.00'), b: [new RawNumber('0.1')], c: 's' })).toBe(
      '{"a":25.00,"b":[0.1],"c":"s"}',
    )
    expect(() => new RawNumber('1e5')).toThrow()
  })
})

describe('encodings', () => {
  it('base58 round-trips with leading zeros; base58check detects corruption', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 255])
    expect(base58Decode(base58Encode(bytes))).toEqual(bytes)
    expect(base58Encode(Uint8Array.from([0, 0]))).toBe('11')
    expect(base58CheckDecode('Tf8DhWM5WDBB1CarpFdonta9YEBJgW1GYAt')).not.toBeNull()
    expect(base58CheckDecode('Tf8DhWM5WDBB1CarpFdonta9YEBJgW1GYAu')).toBeNull()
  })

  it('makes 7-char pairing codes', () => {
    for (let i = 0; i < 50; i++) expect(newPairingCode()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{7}$/)
  })

  it('bech32 matches the BIP173 test vector and makes regtest addresses', () => {
    // BIP173: P2WPKH of 751e76e8199196d454941c45d1b3a323f1433bd6 on mainnet.
    const program = Buffer.from('751e76e8199196d454941c45d1b3a323f1433bd6', 'hex')
    expect(bech32Encode('bc', [0, ...toWords(program)])).toBe(
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    )
    expect(newRegtestAddress()).toMatch(/^bcrt1q[02-9ac-hj-np-z]{38}$/)
  })
})
