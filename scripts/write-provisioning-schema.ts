// `npm run provisioning:schema`: regenerates resources/provisioning.schema.json from the zod schema.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { provisioningJsonSchema } from '../src/main/provisioning/provisioning-file'

const file = join(import.meta.dirname, '../resources/provisioning.schema.json')
writeFileSync(file, `${JSON.stringify(provisioningJsonSchema(), null, 2)}\n`)
console.log(`wrote ${file}`)
