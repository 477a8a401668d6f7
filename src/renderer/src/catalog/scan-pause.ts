let pinPadsOpen = 0

/**
 * Stops the barcode scanner while a manager PIN pad is on screen: digits typed fast and ended by
 * Enter are the PIN, never a code. Returns the function that lets scans through again.
 */
export function pauseScans(): () => void {
  pinPadsOpen += 1
  let resumed = false
  return () => {
    if (resumed) return
    resumed = true
    pinPadsOpen -= 1
  }
}

export const scansPaused = () => pinPadsOpen > 0
