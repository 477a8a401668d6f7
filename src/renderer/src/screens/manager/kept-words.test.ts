import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { KeptOfLine } from '../../../../shared/sale'
import '../../i18n'
import { keptWords } from './kept-words'

const say = (language: string, kept: KeptOfLine) =>
  keptWords(kept, i18next.getFixedT(language), language)

// The journal sends facts about a damaged line; the manager reads them in the till's language.
describe('what the journal kept of a damaged line', () => {
  it('names what later lines still told of a lost sale, or that nothing was legible', () => {
    expect(say('en', { kind: 'lost', saleId: 'b', invoiceId: 'INV-B', status: 'paid' })).toBe(
      'sale b: invoice INV-B, status paid (from later lines); amount unknown, counted as one unknown sale',
    )
    expect(say('de', { kind: 'lost', saleId: 'b', invoiceId: null, status: 'paid' })).toBe(
      'Verkauf b: Status paid (aus späteren Zeilen); Betrag unbekannt, als ein unbekannter Verkauf gezählt',
    )
    expect(say('en', { kind: 'lost', saleId: 'b', invoiceId: null, status: null })).toBe(
      'sale b: no field legible; amount unknown, counted as one unknown sale',
    )
  })

  it('says a rebuilt sale by its order id and a copy by its sale id, in each language', () => {
    expect(say('fr', { kind: 'rebuilt', orderId: '0042' })).toContain('0042')
    expect(say('ar', { kind: 'copy', saleId: 'abc' })).toContain('abc')
    expect(say('en', { kind: 'copy', saleId: null })).toBe(
      'a copy of sale ?, which another line holds',
    )
    expect(say('es', { kind: 'illegible' })).not.toBe(say('en', { kind: 'illegible' }))
  })
})
