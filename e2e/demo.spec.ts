import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'

const repoRoot = resolve(import.meta.dirname, '..')

// `npm run demo` without its build step (the test command builds once): the test server, the
// app paired with it through provisioning, and the simulated customer.
test('the demo runs the whole sale with a simulated customer', async ({ page }, testInfo) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-demo-'))
  const demo: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo.ts', '--data-dir', dataDir],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  demo.stdout?.on('data', (d) => (output += String(d)))
  demo.stderr?.on('data', (d) => (output += String(d)))
  try {
    await expect.poll(() => /Open: (\S+)/.exec(output)?.[1], { timeout: 30_000 }).toBeTruthy()
    await page.goto(/Open: (\S+)/.exec(output)![1]!)
    await expect(page.getByTestId('demo-banner')).toBeVisible()
    await expect(page.getByTestId('terminal-label')).toHaveText('Demo till')
    await expect(page.getByTestId('keypad-screen')).toBeVisible()
    await page.keyboard.type('4.20')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('checkout-waiting')).toBeVisible()
    await page.getByRole('button', { name: 'Customer pays' }).click()
    await expect(page.getByTestId('checkout-paid')).toBeVisible()
    await page.getByRole('button', { name: 'Confirm on chain' }).click()
    await expect(page.getByTestId('checkout-settled')).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('demo-settled.png') })

    // The other outcomes, each from the customer buttons alone.
    const play = async (steps: string[], outcome: string) => {
      await page.getByTestId('new-sale').click()
      await page.keyboard.type('1.50')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('checkout-waiting')).toBeVisible()
      for (const step of steps) await page.getByRole('button', { name: step }).click()
      await expect(page.getByTestId(`checkout-${outcome}`)).toBeVisible()
      await page.screenshot({ path: testInfo.outputPath(`demo-${outcome}.png`) })
    }
    await play(['Lets it expire'], 'expired')
    await play(['Pays too late'], 'paid-late')
    await play(['Pays part', 'Double-spends'], 'invalid')

    // Payment requests too: bill later, then the customer pays half and the rest on their phone.
    await page.getByTestId('new-sale').click()
    await page.keyboard.type('8')
    await page.getByTestId('bill-later').click()
    await page.getByTestId('request-title').fill('Demo tab')
    await page.getByTestId('request-save').click()
    await expect(page.getByTestId('request-status')).toHaveText('Pending')
    await page.getByRole('button', { name: 'Pays half on their phone' }).click()
    await expect(page.getByTestId('request-due')).toHaveText('$4.00')
    await page.getByRole('button', { name: 'Customer pays on their phone' }).click()
    await expect(page.getByTestId('request-status')).toHaveText('Completed')
  } finally {
    const exited = new Promise((done) => demo.once('exit', done))
    demo.kill('SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
})
