import type { CapabilityId } from '../../../../shared/capabilities'
import type { ConnectionTest } from '../../../../shared/terminal-state'
import type { Outcome } from '../../components/FormResult'
import { useLocale, useTranslation } from '../../i18n'
import { sentencesWords } from '../../i18n/fail-words'
import { capabilityWords } from './capability-words'

/**
 * "Test connection" in words: one sentence for the pairing's legacy API and, when the till has an
 * API key or charges with one, one for the key (what it may and may not do in its store). Fine
 * only when every part works.
 */
export function useConnectionTestWords(): (result: ConnectionTest) => Outcome {
  const { t } = useTranslation()
  const locale = useLocale()
  const list = (ids: readonly CapabilityId[]) =>
    new Intl.ListFormat(locale, { type: 'conjunction' }).format(
      ids.map((id) => t(capabilityWords[id])),
    )
  return ({ legacy, greenfield }) => {
    const parts = [
      legacy.ok
        ? t('connectionTest.legacyOk', { ms: legacy.latencyMs })
        : sentencesWords(legacy.words, t, locale),
    ]
    if (greenfield && !greenfield.ok) {
      parts.push(
        t('connectionTest.keyFailed', { reason: sentencesWords(greenfield.words, t, locale) }),
      )
    } else if (greenfield) {
      const store = greenfield.storeId
      const allowed = list(greenfield.allowed)
      const notAllowed = list(greenfield.notAllowed)
      if (greenfield.allowed.length === 0)
        parts.push(t('connectionTest.keyGrantsNothing', { store }))
      else if (greenfield.notAllowed.length === 0)
        parts.push(t('connectionTest.keyOk', { store, allowed }))
      else parts.push(t('connectionTest.keyLimited', { store, allowed, notAllowed }))
    }
    const ok =
      legacy.ok && (greenfield === null || (greenfield.ok && greenfield.allowed.length > 0))
    return { ok, text: parts.join(' ') }
  }
}
