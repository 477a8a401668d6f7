import type { Settings } from '../../../shared/settings'

export type LanguageSetting = Settings['language']
export type Language = Exclude<LanguageSetting, 'system'>

/** Each offered language under its own name, so a cashier finds theirs whatever is showing. */
export const languageNames: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  pt: 'Português',
  ar: 'العربية',
}

/**
 * The locale for words and for Intl. 'system' keeps the system's full tag (de-CH groups with ’,
 * pt-BR is not pt-PT) so numbers, dates and money look as the shop expects; i18next falls back
 * from it to the base language, then to English when the language is not offered.
 */
export function localeFor(setting: LanguageSetting, systemLocales: readonly string[]): string {
  if (setting !== 'system') return setting
  return systemLocales.find((tag) => tag.trim() !== '') ?? 'en'
}
