import 'i18next'
import type en from './locales/en.json'

// t() only takes keys that exist in English: a typo is a type error, not a raw key on screen.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en }
    keySeparator: false
    nsSeparator: false
  }
}
