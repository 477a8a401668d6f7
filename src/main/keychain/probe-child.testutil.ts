/**
 * TEST HELPER, run as a child process by keytar-vault.test.ts: probe the real keychain through
 * keytar with whatever environment the parent gave us and print the status as JSON.
 */
import { createKeytarVault } from './keytar-vault'

const service = process.argv[2] ?? 'btcpay-cashier-test-probe'
const status = await createKeytarVault({ service, probeTimeoutMs: 15_000 }).probe()
process.stdout.write(JSON.stringify(status))
