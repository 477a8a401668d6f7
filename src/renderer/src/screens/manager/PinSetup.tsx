import { useState } from 'react'
import { useTranslation } from '../../i18n'
import { useAppStore, useTerminalStore } from '../../stores/bound-stores'
import { PinPad } from './PinPad'

export type PinChange = 'set' | 'change' | 'remove'
type Step = 'current' | 'new' | 'repeat' | 'done'

const PIN_FORM = /^\d{4,12}$/

/**
 * Sets, changes or removes the manager PIN, one question per screen: the current PIN (to change
 * or remove one), the new PIN, the new PIN again; then the outcome until the manager has read it.
 * Main checks the current PIN with the same limits as an unlock.
 */
export function PinSetup({ change, onClose }: { change: PinChange; onClose: () => void }) {
  const { t } = useTranslation()
  const run = useTerminalStore((s) => s.run)
  const busy = useTerminalStore((s) => s.busy)
  const updateSettings = useAppStore((s) => s.updateSettings)
  const [step, setStep] = useState<Step>(change === 'set' ? 'new' : 'current')
  const [current, setCurrent] = useState<string | null>(null)
  const [first, setFirst] = useState('')
  const [error, setError] = useState<string | null>(null)

  const save = async (pin: string | null, currentPin: string | null) => {
    const ok = await run('setManagerPin', currentPin === null ? { pin } : { pin, currentPin })
    if (ok) {
      // Asked and answered: the first-run question does not come back.
      await updateSettings({ managerPinOffered: true })
      setError(null)
      setStep('done')
      return
    }
    const { error: why, errorField } = useTerminalStore.getState()
    setError(why)
    setStep(errorField === 'currentPin' ? 'current' : 'new')
  }

  const answer = (pin: string) => {
    setError(null)
    if (step === 'current') {
      setCurrent(pin)
      if (change === 'remove') void save(null, pin)
      else setStep('new')
    } else if (step === 'new') {
      if (!PIN_FORM.test(pin)) return setError(t('pin.length'))
      setFirst(pin)
      setStep('repeat')
    } else if (pin !== first) {
      setError(t('pin.mismatch'))
      setStep('new')
    } else void save(pin, current)
  }

  if (step === 'done') {
    return (
      <section className="panel center" role="status" data-testid="pin-done">
        <h2>
          {change === 'remove'
            ? t('pin.removed')
            : change === 'change'
              ? t('pin.changed')
              : t('pin.saved')}
        </h2>
        <p className="message">{change === 'remove' ? t('pin.withoutPin') : t('pin.savedHint')}</p>
        <button className="big" autoFocus onClick={onClose}>
          {t('pin.ok')}
        </button>
      </section>
    )
  }

  const titles = {
    current: t('pin.current'),
    new: change === 'set' ? t('pin.choose') : t('pin.chooseNew'),
    repeat: t('pin.repeat'),
  }
  return (
    <PinPad
      // A new pad per step, so nothing typed carries over.
      key={step}
      title={titles[step]}
      hint={step === 'new' ? t('pin.lengthHint') : undefined}
      submitLabel={step === 'current' && change === 'remove' ? t('pin.remove') : t('pin.next')}
      busy={busy}
      error={error}
      testId={`pin-${step}`}
      onSubmit={answer}
    >
      <button type="button" className="big secondary" onClick={onClose}>
        {t('pin.cancel')}
      </button>
    </PinPad>
  )
}
