import type { Settings } from '../../shared/settings'

/** What the picker needs of Electron's `Display`. */
export type ScreenInfo = {
  id: number
  bounds: { x: number; y: number; width: number; height: number }
}

export type CustomerDisplaySetting = Settings['customerDisplay']

/**
 * The screen the customer window goes on: with the setting on, the first screen that is not the
 * cashier's (left to right, then top to bottom, so the choice is stable across restarts), or
 * none when only one screen is attached.
 */
export function pickCustomerScreen(
  screens: readonly ScreenInfo[],
  cashierScreenId: number,
  setting: CustomerDisplaySetting,
): ScreenInfo | null {
  if (setting === 'off') return null
  const others = screens
    .filter((s) => s.id !== cashierScreenId)
    .sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y)
  return others[0] ?? null
}
