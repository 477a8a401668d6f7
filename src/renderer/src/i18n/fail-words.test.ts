import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { errorCodes } from '../../../shared/ipc/result'
import {
  say,
  sentenceIds,
  type Sentence,
  type SentenceId,
  type SentenceParams,
} from '../../../shared/ipc/sentence'
import { failWords } from './fail-words'
import { languageNames } from './languages'
import type { resources } from '.'

const languages = Object.keys(languageNames) as Array<keyof typeof resources>
const wordsIn = (language: string, sentence: Sentence) =>
  failWords({ code: 'bad-input', words: [sentence] }, i18next.getFixedT(language), language)

/** Values of the kind main sends with each sentence, so every placeholder gets one. */
const sample = (id: SentenceId): SentenceParams => ({
  field: 'maxAmount',
  count: 3,
  value: 5,
  text: 'Email is not valid',
  permission: 'btcpay.store.canmodifyinvoices',
  seconds: 30,
  max: 50,
  left: 2,
  title: 'Croissant',
  minimum: { minor: 250, currency: 'EUR' },
  problem: id === 'url.refused' ? 'insecure-http' : 'overMax',
  currency: 'EUR',
  maxMinor: 1_000_000,
  code: 'timeout',
})

describe('main’s failures in the till’s language', () => {
  for (const language of languages) {
    it(`${language} has its own words for every error code`, () => {
      const english = errorCodes.map((code) => failWords({ code }, i18next.getFixedT('en'), 'en'))
      const here = errorCodes.map((code) =>
        failWords({ code }, i18next.getFixedT(language), language),
      )
      for (const [i, text] of here.entries()) {
        expect(text, errorCodes[i]).toMatch(/\S/)
        expect(text, errorCodes[i]).not.toMatch(/^failed\./)
        if (language !== 'en') expect(text, errorCodes[i]).not.toBe(english[i])
      }
    })

    it(`${language} has its own words for every sentence main sends`, () => {
      for (const id of sentenceIds) {
        const text = wordsIn(language, say(id, sample(id)))
        expect(text, id).toMatch(/\S/)
        expect(text, id).not.toMatch(/{{|said\.|field\.|failed\./)
        if (language !== 'en') expect(text, id).not.toBe(wordsIn('en', say(id, sample(id))))
      }
    })
  }

  it('never shows main’s English message, only the code’s words when no sentence came', () => {
    const text = failWords(
      { code: 'connection-refused', words: undefined },
      i18next.getFixedT('de'),
      'de',
    )
    expect(text).toBe(
      'Der BTCPay Server hat die Verbindung abgelehnt. Prüfen Sie, ob der Server läuft und ob Adresse und Port in den Einstellungen stimmen.',
    )
  })

  it('names the field a settings error concerns, in the sentence of the language', () => {
    const sentence = say('input.whole-number', { field: 'maxAmount' })
    expect(wordsIn('en', sentence)).toBe('The largest charge must be a whole number.')
    expect(wordsIn('de', sentence)).toBe('Der größte Betrag muss eine ganze Zahl sein.')
  })

  it('writes money and counts through Intl in the locale, Arabic in its own digits', () => {
    const over = say('amount.refused', { problem: 'overMax', currency: 'EUR', maxMinor: 1_000_000 })
    expect(wordsIn('de', over)).toMatch(/10\.000,00\s€/)
    // With the system's Egyptian Arabic, as `system` picks it: Arabic-Indic digits.
    const wait = say('manager.wait', { seconds: 30 })
    expect(wordsIn('ar-EG', wait)).toContain('٣٠')
    expect(wordsIn('ar-EG', wait)).not.toContain('30')
    const min = say('input.at-least', { field: 'returnToKeypadSeconds', value: 5 })
    expect(wordsIn('ar-EG', min)).toContain('٥')
  })

  it('keeps what BTCPay wrote as it wrote it, after words of the language', () => {
    const said = say('server.said', { text: 'Invoice not found' })
    expect(wordsIn('fr', said)).toBe('Le serveur a répondu : « Invoice not found »')
  })

  it('words several sentences one after the other', () => {
    const text = failWords(
      {
        code: 'timeout',
        words: [say('failed', { code: 'timeout' }), say('sale.saved-check-history')],
      },
      i18next.getFixedT('es'),
      'es',
    )
    expect(text).toBe(
      'BTCPay Server no respondió a tiempo. Revise la conexión a internet e inténtelo de nuevo. ' +
        'La venta está guardada; el terminal sigue comprobando si BTCPay creó la factura, así que mire el Historial antes de volver a cobrar.',
    )
  })
})
