import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { electronBinary } from '../scripts/electron-binary'

const repoRoot = resolve(import.meta.dirname, '..')

const binary = electronBinary()

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'Electron binary not installed on this machine (it downloads on first use, which this network does not allow)',
  )

  test('opens the sandboxed window and answers over IPC', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-'))
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--data-dir', dataDir],
      env: { ...process.env, NODE_ENV: 'test' },
    })
    try {
      const page = await app.firstWindow()
      await expect(page.getByTestId('terminal-label')).toHaveText('Till 1')
      expect(
        await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined')
      await page.getByRole('button', { name: 'About', exact: true }).click()
      await expect(page.getByTestId('host-kind')).toHaveText('Desktop app')
      await page.getByRole('button', { name: 'Check connection' }).click()
      await expect(page.getByTestId('connection-status')).toHaveText(/answered in \d+ ms/)
      expect(page.url()).toBe('app://cashier/index.html')
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('kiosk lockdown: shortcuts swallowed, close refused, quit only with the manager PIN', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-kiosk-'))
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--data-dir', dataDir, '--kiosk'],
      env: { ...process.env, NODE_ENV: 'test' },
    })
    try {
      const page = await app.firstWindow()
      await expect(page.getByTestId('terminal-label')).toHaveText('Till 1')
      const windowState = () =>
        app.evaluate(({ BrowserWindow, Menu }) => {
          const w = BrowserWindow.getAllWindows()[0]!
          return {
            kiosk: w.isKiosk(),
            closable: w.isClosable(),
            minimizable: w.isMinimizable(),
            menu: Menu.getApplicationMenu() !== null,
            url: w.webContents.getURL(),
            zoom: w.webContents.getZoomLevel(),
          }
        })
      expect(await windowState()).toMatchObject({
        kiosk: true,
        closable: false,
        minimizable: false,
        menu: false,
      })

      // A blocked shortcut: Ctrl+R (Cmd+R) does not reload, Ctrl+= does not zoom; typing works.
      await page.evaluate(() => {
        ;(window as unknown as { marker: number }).marker = 42
      })
      await page.keyboard.press('ControlOrMeta+r')
      await page.keyboard.press('ControlOrMeta+Equal')
      await page.keyboard.type('7')
      await expect(page.getByTestId('amount-display')).toHaveText('$0.07')
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42)
      expect((await windowState()).zoom).toBe(0)

      // A refused close: the window stays, the app keeps running.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close())
      await page.waitForTimeout(500)
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(
        1,
      )

      // Quit with the PIN: refused while locked, through the hidden gesture once unlocked.
      expect(await page.evaluate(() => window.pos?.setManagerPin({ pin: '2468' }))).toMatchObject({
        ok: true,
      })
      await page.evaluate(() => window.pos?.lockManager())
      expect(await page.evaluate(() => window.pos?.quitApp())).toMatchObject({
        ok: false,
        code: 'manager-locked',
      })
      const label = page.getByTestId('terminal-label')
      await label.hover()
      await page.mouse.down()
      await page.waitForTimeout(2200)
      await page.mouse.up()
      const dialog = page.getByRole('dialog', { name: 'Manager' })
      await dialog.getByLabel('Manager PIN').fill('2468')
      await dialog.getByRole('button', { name: 'Unlock' }).click()
      const closed = new Promise<void>((done) => app.process().once('exit', () => done()))
      await dialog.getByTestId('quit-app').click()
      await closed
    } finally {
      if (app.process().exitCode === null) await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
