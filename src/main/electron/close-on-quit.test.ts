import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../log/logger'
import { closeCoreBeforeQuit } from './close-on-quit'

// Electron cannot run here: `app` is a stand-in that emits 'before-quit' as Electron does (an
// event with preventDefault on every app.quit()) and records whether the quit went through.
function fakeApp() {
  const emitter = new EventEmitter()
  const app = {
    quits: 0,
    exited: false,
    on: (name: string, fn: (...args: never[]) => void) => {
      emitter.on(name, fn as never)
      return app
    },
    quit() {
      app.quits++
      let prevented = false
      emitter.emit('before-quit', { preventDefault: () => (prevented = true) })
      if (!prevented) app.exited = true
    },
  }
  return app
}

describe('closeCoreBeforeQuit', () => {
  it('quits only after the core stopped, and stops it once however often quit is asked', async () => {
    const app = fakeApp()
    let stops = 0
    let finish: (v: { journalClosed: boolean }) => void = () => {}
    const core = {
      stop: () => {
        stops++
        return new Promise<{ journalClosed: boolean }>((r) => (finish = r))
      },
    }
    closeCoreBeforeQuit(app as never, core, silentLogger)
    app.quit()
    app.quit()
    expect(app.exited).toBe(false)
    finish({ journalClosed: false }) // a full disk at close: reported, the app still quits
    await new Promise((r) => setImmediate(r))
    expect(stops).toBe(1)
    expect(app.exited).toBe(true)
  })
})
