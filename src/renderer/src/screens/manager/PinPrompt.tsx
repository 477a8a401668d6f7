import { useTranslation } from '../../i18n'
import { useTerminalStore } from '../../stores/bound-stores'
import { PinPad } from './PinPad'

/** Asks for the manager PIN before the manager's screens open. */
export function PinPrompt() {
  const { t } = useTranslation()
  const { run, busy, error } = useTerminalStore()
  return (
    <PinPad
      title={t('pin.prompt')}
      submitLabel={t('pin.unlock')}
      busy={busy}
      error={error}
      testId="pin-prompt"
      onSubmit={(pin) => void run('unlockManager', { pin })}
    />
  )
}
