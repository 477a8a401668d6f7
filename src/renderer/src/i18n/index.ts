import i18next from 'i18next'
import { initReactI18next, useTranslation } from 'react-i18next'
import ar from './locales/ar.json'
import de from './locales/de.json'
import en from './locales/en.json'
import es from './locales/es.json'
import fr from './locales/fr.json'
import pt from './locales/pt.json'
import { localeFor, type LanguageSetting } from './languages'

export const resources = { en, de, es, fr, pt, ar } as const

/** A key of the English strings; tables of labels use it so t() can check them. */
export type TranslationKey = keyof typeof en

/** Keys are flat ("till.charge"), so a search for a key finds every use of it. */
void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(
    Object.entries(resources).map(([lng, strings]) => [lng, { translation: strings }]),
  ),
  lng: localeFor('system', globalThis.navigator?.languages ?? []),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  initAsync: false,
})

/** Switches words, Intl locale, `lang` and `dir` of the page to the manager's setting. */
export function applyLanguage(setting: LanguageSetting): void {
  const locale = localeFor(setting, globalThis.navigator?.languages ?? [])
  if (i18next.language !== locale) void i18next.changeLanguage(locale)
  document.documentElement.lang = locale
  document.documentElement.dir = i18next.dir(locale)
}

/** The locale every Intl call on screen uses: the one the words are in. */
export function useLocale(): string {
  return useTranslation().i18n.language
}

export { useTranslation }
