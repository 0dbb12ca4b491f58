import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
// openapi-typescript is an ES module package with a CommonJS build beside it: jest's CommonJS
// runtime gets that build through the package's "require" export condition.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { startTestApp, type TestApp } from './test-app';

/**
 * The typed client (packages/client) is built on types generated from the API's OpenAPI
 * document. This suite regenerates them from the document the API serves and fails when the
 * committed file differs, so a route or schema change cannot ship with a stale client.
 */
const SCHEMA_FILE = path.resolve(__dirname, '../../../packages/client/src/schema.ts');
const REGENERATE =
  'ATELIER_UPDATE_CLIENT_SCHEMA=1 pnpm --filter @atelier/api exec jest -c jest.integration.config.js test/openapi-drift.int-spec.ts';

const HEADER = `/**
 * GENERATED: do not edit. The API's OpenAPI document (GET /docs/openapi.json) run through
 * openapi-typescript. Regenerate after changing a route's contract or a domain schema:
 *
 *   ${REGENERATE}
 *
 * CI runs the same spec without the variable and fails when this file is out of date.
 */

`;

/** The generated module, exactly as it is committed. */
export async function generateClientSchema(document: OpenAPI3): Promise<string> {
  // A default makes a field optional in a request (zod input), not required: openapi-typescript's
  // default (defaultNonNullable) would make every defaulted body field mandatory for callers.
  const ast = await openapiTS(document, { defaultNonNullable: false });
  return HEADER + astToString(ast);
}

describe('the typed client schema (packages/client/src/schema.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('matches the OpenAPI document the API serves', async () => {
    const response = await fetch(`${t.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const generated = await generateClientSchema((await response.json()) as OpenAPI3);

    if (process.env.ATELIER_UPDATE_CLIENT_SCHEMA === '1') {
      writeFileSync(SCHEMA_FILE, generated);
      return;
    }
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== generated) {
      throw new Error(
        `packages/client/src/schema.ts is out of date with the API's OpenAPI document ` +
          `(first difference at line ${firstDifferentLine(committed, generated)}). Regenerate it with:\n\n  ${REGENERATE}\n`,
      );
    }
  });
});

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}
