import { useState, type FormEvent } from 'react'
import { useTerminalStore } from '../../stores/bound-stores'

/** Asks for the manager PIN; digits by touch or keyboard, Enter to unlock. */
export function PinPrompt() {
  const [pin, setPin] = useState('')
  const { run, busy, error } = useTerminalStore()
  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    if (pin === '') return
    await run('unlockManager', { pin })
    setPin('')
  }
  const press = (key: string) =>
    setPin((p) => (key === '⌫' ? p.slice(0, -1) : (p + key).slice(0, 12)))
  return (
    <form className="pin-prompt" onSubmit={(e) => void submit(e)}>
      <h2>Manager PIN</h2>
      <input
        className="pin-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label="Manager PIN"
        value={pin}
        autoFocus
        onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
      />
      <div className="pin-pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', '⌫', '0'].map((k) => (
          <button
            type="button"
            key={k}
            onClick={() => press(k)}
            aria-label={k === '⌫' ? 'Delete digit' : k}
          >
            {k}
          </button>
        ))}
        <button type="submit" className="primary" disabled={busy || pin === ''}>
          Unlock
        </button>
      </div>
      {error && (
        <p className="message error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
