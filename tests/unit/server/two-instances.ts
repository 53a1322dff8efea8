// Two instances of the service (real processes) on one fresh PostgreSQL schema, with the test's own
// connection to it: started before the suite's own beforeAll, stopped and the schema dropped after.
import { afterAll, beforeAll } from 'vitest';
import { openPostgres, type Db } from '../../../server/db.ts';
import { startServiceProcess, type ServiceProcess } from '../../service-process.ts';
import { freshSchema, postgresSchemaUrl } from './backends.ts';
import { late } from './late.ts';
import { TEST_CARD } from './test-cards.ts';

export interface TwoInstances { db: Db; a: ServiceProcess; b: ServiceProcess }

/** `key`: the integration API's key; `dataDir`: the instances' DATA_DIR. */
export function twoInstances(url: string, o: { master: Buffer; key: string; dataDir: string }): TwoInstances {
  let db: Db | undefined;
  let drop: (() => Promise<void>) | undefined;
  let a: ServiceProcess | undefined;
  let b: ServiceProcess | undefined;

  beforeAll(async () => {
    const schema = await freshSchema(url);
    drop = schema.drop;
    db = await openPostgres(url, schema.schema);
    const env = {
      DATABASE_URL: postgresSchemaUrl(url, schema.schema), MASTER_KEY: o.master.toString('base64'), VERIFY_API_KEY: o.key,
      ADMIN_PASSWORD: 'admin-password', OPERATOR_PASSWORD: 'operator-password', ADMIN_PIN: 'PIN24680', ADMIN_CARD: TEST_CARD,
      DATA_DIR: o.dataDir,
    };
    a = await startServiceProcess({ env });
    b = await startServiceProcess({ env });
  }, 300_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.close();
    await drop?.();
  });

  return { db: late(() => db), a: late(() => a), b: late(() => b) };
}
