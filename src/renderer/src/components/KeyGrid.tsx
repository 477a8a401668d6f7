import type { ReactNode } from 'react'

type KeyDigit = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9'

const digitRows: KeyDigit[][] = [
  ['7', '8', '9'],
  ['4', '5', '6'],
  ['1', '2', '3'],
]

/**
 * The calculator layout every keypad on the till shares: 7 8 9 on top, 1 2 3 above the bottom
 * row, which each pad gives (its 0 and its own keys), so the till's amount keys and the manager's
 * PIN pad sit under the same fingers.
 */
export function KeyGrid({
  label,
  onDigit,
  children,
}: {
  label: string
  onDigit: (digit: KeyDigit) => void
  /** The keys after 1 2 3, in reading order. */
  children: ReactNode
}) {
  return (
    <div className="keys" role="group" aria-label={label}>
      {digitRows.flat().map((d) => (
        <button key={d} type="button" className="key" onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      {children}
    </div>
  )
}
