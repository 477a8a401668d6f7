import { describe, expect, it } from 'vitest'
import { parseJsonNumbersAsStrings } from './lossless-json'

describe('parseJsonNumbersAsStrings', () => {
  it('keeps every number as its exact source text', () => {
    const text = '{"price":12.50,"big":0.1000000000000000055511151231257827,"n":-3,"e":1e-7}'
    expect(parseJsonNumbersAsStrings(text)).toEqual({
      price: '12.50',
      big: '0.1000000000000000055511151231257827',
      n: '-3',
      e: '1e-7',
    })
  })
  it('leaves strings (with escapes and digits) and literals alone', () => {
    const text = '{"a":"12.5 \\"q\\" \\\\","b":[true,false,null,"-1"],"c":{"d":"x\\u00e9"}}'
    expect(parseJsonNumbersAsStrings(text)).toEqual({
      a: '12.5 "q" \\',
      b: [true, false, null, '-1'],
      c: { d: 'xé' },
    })
  })
  it('rejects invalid JSON and invalid numbers', () => {
    expect(() => parseJsonNumbersAsStrings('<html>')).toThrow()
    expect(() => parseJsonNumbersAsStrings('{"a":01}')).toThrow()
    expect(() => parseJsonNumbersAsStrings('{"a":1.2.3}')).toThrow()
    expect(() => parseJsonNumbersAsStrings('')).toThrow()
  })
})
