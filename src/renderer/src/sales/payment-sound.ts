/**
 * A short two-note chime made by a Web Audio oscillator: no audio file, no network. The context
 * is created on the cashier's Charge tap (`primeSound`), since browsers keep audio muted until the
 * page has had a user gesture.
 */
let context: AudioContext | null = null

export function primeSound(): void {
  try {
    context ??= new AudioContext()
    if (context.state === 'suspended') void context.resume()
  } catch {
    context = null
  }
}

export function playPaymentSound(): void {
  primeSound()
  const ctx = context
  if (!ctx) return
  const start = ctx.currentTime + 0.02
  for (const [i, frequency] of [880, 1318.5].entries()) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = frequency
    const t = start + i * 0.16
    gain.gain.setValueAtTime(0.0001, t)
    gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.28)
    osc.connect(gain).connect(ctx.destination)
    osc.start(t)
    osc.stop(t + 0.3)
  }
}
