// `npm run provisioning:pin-hash -- <pin>`: prints the managerPinHash for a provisioning file.
import { hashPin } from '../src/main/manager/pin-hash'
import { managerPinSchema } from '../src/shared/terminal-state'

const pin = process.argv[2] ?? ''
const checked = managerPinSchema.safeParse(pin)
if (!checked.success) {
  console.error('Usage: npm run provisioning:pin-hash -- <PIN of 4 to 12 digits>')
  process.exit(2)
}
console.log(await hashPin(checked.data))
