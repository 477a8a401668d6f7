import { rmSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { startBtcpayTestServer, type TestServer } from './btcpay-test-server'
import { CHARGE_MODES, chargeWith, INVOICE_PATHS } from './fixtures/cashier'
import { startHostProcess, type HostProcess } from './fixtures/host'
import { provisionedDataDir } from './fixtures/provisioned'

let server: TestServer
let host: HostProcess | null = null
let dataDir: string

test.beforeEach(async () => {
  server = await startBtcpayTestServer()
  dataDir = provisionedDataDir(server, { prefix: 'pos-crash-', terminalLabel: 'Crash till' })
})
test.afterEach(async () => {
  await host?.stop()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

for (const mode of CHARGE_MODES) {
  test(`${mode} invoices: kill -9 while a charge is in flight: after restart the sale is there, with its one invoice`, async ({
    page,
  }) => {
    host = await startHostProcess([], { dataDir })
    await page.goto(host.url)
    await expect(page.getByTestId('keypad-screen')).toBeVisible()
    await chargeWith(page, server, mode)
    // BTCPay is slow to answer: the terminal dies after sending, before the answer arrives.
    server.control.addFault({
      kind: 'latency',
      latencyMs: 1500,
      method: 'POST',
      pathPrefix: INVOICE_PATHS[mode],
      times: 1,
    })
    await page.keyboard.type('7.77')
    await page.keyboard.press('Enter')
    // The one-shot fault is used up once the request has reached the server.
    await expect
      .poll(() => server.control.listFaults().filter((f) => f.kind === 'latency').length)
      .toBe(0)
    await host.stop('SIGKILL')
    await expect.poll(() => server.control.listInvoices().length, { timeout: 5000 }).toBe(1)
    const [invoice] = server.control.listInvoices()

    host = await startHostProcess([], { dataDir })
    await page.goto(host.url)
    await page.getByRole('button', { name: 'History', exact: true }).click()
    // Reconciled by orderId: the sale now points at the invoice BTCPay made, nothing made twice.
    const row = page.getByTestId('sale-row')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('$7.77')
    await expect(row).toHaveAttribute('data-phase', 'waiting')
    expect(server.control.listInvoices()).toHaveLength(1)
    // And it is followed again: a payment now shows up on its own.
    server.control.pay(invoice!.id)
    await expect(row).toHaveAttribute('data-phase', 'paid')
  })
}
