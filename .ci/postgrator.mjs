// Runs Postgrator (the npm package, with pg) the way a project would, for the interop tests.
// Usage: node .ci/postgrator.mjs DATABASE_URL MIGRATIONS_DIR
// Migrates to the newest version with checksum validation (Postgrator's default) and prints one
// JSON line: {"before": N, "after": N, "applied": [versions]}; on an error prints
// {"error": "...", "applied": [...]} and exits 1.
import pg from "pg";
import Postgrator from "postgrator";

const [url, dir] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
const postgrator = new Postgrator({
  migrationPattern: `${dir}/*`,
  driver: "pg",
  database: client.database,
  schemaTable: "schemaversion",
  execQuery: (query) => client.query(query),
});
let code = 0;
try {
  const before = await postgrator.getDatabaseVersion();
  const applied = await postgrator.migrate();
  const after = await postgrator.getDatabaseVersion();
  console.log(JSON.stringify({ before, after, applied: applied.map((m) => m.version) }));
} catch (e) {
  console.log(JSON.stringify({ error: e.message, applied: (e.appliedMigrations || []).map((m) => m.version) }));
  code = 1;
} finally {
  await client.end();
}
process.exit(code);
