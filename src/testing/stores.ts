// The store backends the backend-neutral tests run against: each test gets a new,
// empty database of each kind (a SQLite file in a temporary folder, a PostgreSQL
// database on the test server) and leaves nothing behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Repo } from '../store/index.js';
import { createTestDatabase } from './postgres.js';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty database: its spec for `openStore` (a file or a URL), and how to remove it. */
  create(): Promise<{ spec: string; remove(): Promise<void> }>;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(join(tmpdir(), 'dyad-store-'));
      return { spec: join(dir, 'test.db'), remove: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async create() {
      const db = await createTestDatabase();
      return { spec: db.url, remove: db.drop };
    },
  },
];

/** A new, empty database of `backend` for one test, removed when the test ends. */
export async function testDatabase(backend: Backend, t: { after(fn: () => unknown): void }): Promise<string> {
  const { spec, remove } = await backend.create();
  t.after(remove);
  return spec;
}

/** A new, empty store of `backend` for one test, opened; closed and removed when the test ends. */
export async function testStore(backend: Backend, t: { after(fn: () => unknown): void }): Promise<Repo> {
  const { spec, remove } = await backend.create();
  const repo = await openStore(spec);
  t.after(async () => {
    await repo.close();
    await remove();
  });
  return repo;
}
