/** A short low double beep for a scan no item has, made on the spot (no sound file to ship). */
export function playUnknownCode(): void {
  const Ctx = globalThis.AudioContext
  if (!Ctx) return
  const ctx = new Ctx()
  for (const start of [0, 0.18]) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.frequency.value = 220
    gain.gain.value = 0.2
    osc.connect(gain).connect(ctx.destination)
    osc.start(ctx.currentTime + start)
    osc.stop(ctx.currentTime + start + 0.12)
  }
  setTimeout(() => void ctx.close(), 600)
}
