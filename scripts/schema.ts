/**
 * Writes docs/scenario.schema.json from the zod scenario schema.
 *   npm run schema            write the file
 *   npm run schema -- --check exit 1 when the committed file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/core/scenario/json-schema';

const target = fileURLToPath(new URL('../docs/scenario.schema.json', import.meta.url));
const text = scenarioJsonSchemaText();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('docs/scenario.schema.json is stale: run `npm run schema`.');
    process.exit(1);
  }
  console.log('docs/scenario.schema.json is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`Wrote ${target}`);
}
