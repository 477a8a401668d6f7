import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { connectBridge } from './fixtures/bridge-client'
import { startHostProcess } from './fixtures/host'

const PIN = '9999'

/** A host on its own data folder with the manager PIN set and the manager locked again. */
async function hostWithPin(dataDir: string) {
  const host = await startHostProcess([], { dataDir })
  const bridge = await connectBridge(host.url)
  expect(await bridge.call('manager:set-pin', { pin: PIN })).toMatchObject({ ok: true })
  await bridge.call('manager:lock')
  return { host, bridge }
}

test('10,000 parallel PIN guesses over the bridge get at most 5 checked, and a restart keeps the wait', async () => {
  test.setTimeout(180_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-pin-e2e-'))
  try {
    const { host, bridge } = await hostWithPin(dataDir)
    // Every 4-digit PIN, the right one last: the order a brute force would try them in.
    const guesses = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'))
    const replies = await Promise.all(guesses.map((pin) => bridge.call('manager:unlock', { pin })))
    const checked = replies.filter((r) => /not right/.test(r.message ?? '')).length
    expect(replies.filter((r) => r.ok)).toHaveLength(0)
    expect(checked).toBeGreaterThanOrEqual(1)
    expect(checked).toBeLessThanOrEqual(5)

    // Drive the count to the limit one guess at a time, then the right PIN has to wait.
    for (let i = checked; i < 5; i++)
      expect((await bridge.call('manager:unlock', { pin: '0000' })).message).toMatch(/not right/)
    expect((await bridge.call('manager:unlock', { pin: PIN })).message).toMatch(/Try again in/)
    expect(await bridge.call('settings:update', { kiosk: true })).toMatchObject({
      ok: false,
      code: 'manager-locked',
    })
    bridge.close()
    await host.stop()

    const again = await startHostProcess([], { dataDir })
    const after = await connectBridge(again.url)
    expect((await after.call('manager:unlock', { pin: PIN })).message).toMatch(/Try again in/)
    after.close()
    await again.stop()
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

/** The GNOME keyring of this test session (scripts/with-keyring.sh), through its D-Bus API. */
const keyring = {
  lock: () =>
    execFileSync('gdbus', [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      '/org/freedesktop/secrets',
      '--method',
      'org.freedesktop.Secret.Service.Lock',
      "['/org/freedesktop/secrets/collection/login']",
    ]),
  // Unlocking over D-Bus needs a graphical prompt; a replacement daemon given the password starts
  // unlocked on the same socket (the session's password is "pw", see with-keyring.sh).
  unlock: () =>
    execFileSync('gnome-keyring-daemon', ['--replace', '--unlock', '--components=secrets'], {
      input: 'pw',
    }),
}

test('a keyring locked at start keeps the manager locked, says so, and the PIN returns once it is unlocked', async ({
  page,
}) => {
  test.setTimeout(180_000)
  test.skip(
    process.env.POS_KEYRING_SESSION !== '1',
    'needs the throw-away keyring of with-keyring.sh',
  )
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-pin-locked-'))
  try {
    const first = await hostWithPin(dataDir)
    first.bridge.close()
    await first.host.stop()

    keyring.lock()
    const host = await startHostProcess([], { dataDir })
    try {
      const bridge = await connectBridge(host.url)
      const state = await bridge.call('terminal:get-state')
      expect(state.data).toMatchObject({
        manager: { pinSet: true, unlocked: false, pinUnreadable: true },
      })
      // What a locked keyring used to give away: kiosk off and the PIN deleted, with no PIN.
      for (const [channel, input] of [
        ['settings:update', { kiosk: false }],
        ['manager:set-pin', { pin: null }],
        ['manager:unlock', { pin: PIN }],
      ] as const)
        expect(await bridge.call(channel, input)).toMatchObject({
          ok: false,
          code: 'manager-locked',
        })

      await page.goto(host.url)
      await expect(page.getByTestId('keychain-problem')).toBeVisible()
      await expect(page.getByTestId('manager-pin-unreadable')).toHaveText(/stay locked/)
      bridge.close()
    } finally {
      await host.stop()
    }

    // A running process keeps its libsecret connection to the daemon it started with, so the
    // unlocked keyring is seen by a restart here (retry in place is covered by manager-lock.test).
    keyring.unlock()
    const unlocked = await startHostProcess([], { dataDir })
    try {
      const bridge = await connectBridge(unlocked.url)
      expect((await bridge.call('terminal:get-state')).data).toMatchObject({
        manager: { pinSet: true, unlocked: false, pinUnreadable: false },
      })
      expect(await bridge.call('manager:unlock', { pin: PIN })).toMatchObject({ ok: true })
      bridge.close()
    } finally {
      await unlocked.stop()
    }
  } finally {
    keyring.unlock()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
