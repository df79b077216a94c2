// Runs drizzle-orm's own migrator (node-postgres driver) on a database and prints what it changed:
// the interop tests check that after Preflight applied a Drizzle project, Drizzle applies nothing.
// Usage: node .ci/drizzle-migrate.mjs <postgresql-url> <migrations-folder>
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

const [url, folder] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url });
const rows = async () => {
  const exists = await pool.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS e");
  if (!exists.rows[0].e) return 0;
  return (await pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n;
};
try {
  const before = await rows();
  await migrate(drizzle(pool), { migrationsFolder: folder });
  const after = await rows();
  console.log(JSON.stringify({ before, after }));
} catch (e) {
  console.error('drizzle migrate failed: ' + e.message);
  process.exitCode = 1;
} finally {
  await pool.end();
}
