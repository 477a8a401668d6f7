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
})
