import { useTranslation } from '../../i18n'
import { useAppStore } from '../../stores/bound-stores'
import type { PinChange } from './PinSetup'

/**
 * The manager PIN on the manager's screen: set, change or remove it. Without one it says plainly
 * who can open these screens (louder in kiosk mode), and on first run it asks for one once.
 */
export function PinPanel({
  pinSet,
  onChange,
}: {
  pinSet: boolean
  onChange: (change: PinChange) => void
}) {
  const { t } = useTranslation()
  const settings = useAppStore((s) => s.settings)
  const updateSettings = useAppStore((s) => s.updateSettings)
  const kiosk = settings?.kiosk ?? false
  const firstRun = !pinSet && settings !== null && !settings.managerPinOffered
  return (
    <section
      className={firstRun || (kiosk && !pinSet) ? 'form pin-panel attention' : 'form pin-panel'}
      aria-labelledby="pin-title"
      data-testid="pin-panel"
    >
      <h2 id="pin-title">{firstRun ? t('pin.offerTitle') : t('pin.title')}</h2>
      <p
        className={!pinSet && kiosk ? 'message error' : 'message'}
        role={!pinSet && kiosk ? 'alert' : undefined}
        data-testid="pin-status"
      >
        {pinSet ? t('pin.isSet') : kiosk ? t('pin.kioskWithoutPin') : t('pin.withoutPin')}
      </p>
      <div className="row">
        {pinSet ? (
          <>
            <button className="big" onClick={() => onChange('change')}>
              {t('pin.changeButton')}
            </button>
            <button className="big secondary" onClick={() => onChange('remove')}>
              {t('pin.removeButton')}
            </button>
          </>
        ) : (
          <button className="big" onClick={() => onChange('set')}>
            {t('pin.setButton')}
          </button>
        )}
        {firstRun && (
          <button
            className="big secondary"
            data-testid="pin-skip"
            onClick={() => void updateSettings({ managerPinOffered: true })}
          >
            {t('pin.skip')}
          </button>
        )}
      </div>
    </section>
  )
}
