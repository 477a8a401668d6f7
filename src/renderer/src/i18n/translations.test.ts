/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { resources } from '.'
import { languageNames } from './languages'

const pluralSuffix = /_(zero|one|two|few|many|other)$/
const baseKey = (key: string) => key.replace(pluralSuffix, '')
// `count` picks the plural form, so a form may say "one" instead of showing it.
const variables = (text: string) =>
  [...text.matchAll(/{{\s*(\w+)\s*}}/g)]
    .map((m) => m[1])
    .filter((name) => name !== 'count')
    .sort()

// Keys are always written whole as string literals (never built from pieces), so a search of the
// renderer's source finds each one; the README says so to whoever adds a string.
const sources = Object.entries(
  import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!**/*.d.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
).map(([path, text]) => ({ path, text }))
const english = resources.en as Record<string, string>
const englishKeys = new Set(Object.keys(english).map(baseKey))

/** Texts a language writes exactly as English does (names, loanwords); anything else is untranslated. */
const sameAsEnglish: Record<Exclude<keyof typeof resources, 'en'>, readonly string[]> = {
  de: [
    'app.name',
    'nav.manager',
    'pay.lightning',
    'apiKey.serverLabel',
    'apiKey.store',
    'receiptSettings.port',
    'receiptSettings.mm',
    'demo.tag',
    'said.lineAmount',
  ],
  es: [
    'app.name',
    'pay.lightning',
    'pay.onchain',
    'receiptSettings.mm',
    'demo.tag',
    'said.lineAmount',
  ],
  fr: ['app.name', 'pay.lightning', 'pay.onchain', 'receiptSettings.port', 'receiptSettings.mm'],
  pt: [
    'app.name',
    'pay.lightning',
    'pay.onchain',
    'receiptSettings.mm',
    'demo.tag',
    'said.lineAmount',
  ],
  // A sale line and why its amount is refused, joined as every language here joins them.
  ar: ['said.lineAmount'],
}

describe('translations', () => {
  it('every English key is used somewhere in the renderer', () => {
    const unused = [...englishKeys].filter(
      (key) => !sources.some((s) => s.text.includes(`'${key}'`) || s.text.includes(`"${key}"`)),
    )
    expect(unused).toEqual([])
  })

  it('every key the renderer asks for exists in English', () => {
    const asked = sources.flatMap((s) =>
      [...s.text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => ({ path: s.path, key: m[1] ?? '' })),
    )
    expect(asked.filter((a) => !englishKeys.has(a.key))).toEqual([])
  })

  it('no key is built at run time, which the two checks above could not see', () => {
    const built = sources.filter((s) => /\bt\(\s*`/.test(s.text)).map((s) => s.path)
    expect(built).toEqual([])
  })

  for (const language of Object.keys(languageNames) as Array<keyof typeof resources>) {
    it(`${language} has every key, in every plural form the language needs, and no other`, () => {
      const strings = resources[language] as Record<string, string>
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
      const expected = Object.keys(english).flatMap((key) =>
        pluralSuffix.test(key)
          ? key.endsWith('_other')
            ? categories.map((c) => `${baseKey(key)}_${c}`)
            : []
          : [key],
      )
      expect(Object.keys(strings).sort()).toEqual(expected.sort())
      expect(Object.entries(strings).filter(([, text]) => text.trim() === '')).toEqual([])
    })

    it(`${language} translates every English text, but for words that stay the same there`, () => {
      if (language === 'en') return
      const strings = resources[language] as Record<string, string>
      const same = Object.keys(strings).filter(
        (key) => strings[key] === english[key] && !sameAsEnglish[language].includes(key),
      )
      expect(same).toEqual([])
    })

    it(`${language} keeps every placeholder of the English text`, () => {
      const strings = resources[language] as Record<string, string>
      const wrong = Object.entries(strings).filter(([key, text]) => {
        const source = english[key] ?? english[`${baseKey(key)}_other`] ?? ''
        return variables(text).join() !== variables(source).join()
      })
      expect(wrong).toEqual([])
    })
  }
})
