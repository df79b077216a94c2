<#-- Section "Embeddings": what the backfill found, did and left, per target. `report` is the ReadinessReport. -->
<#if report.embeddings()??>
<#assign section = report.embeddings()>
## Embeddings<#if section.dryRun()> (dry run: nothing was written)</#if>

<#if section.targets()?size == 0>
No embedding target was selected.
<#else>
| target | column | provider | model | semantic | status | rows | pending | embedded | refreshed | skipped | failed | NULLs left | rows/s | duration |
|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
<#list section.targets() as t>
| ${t.name()} | ${t.table()}.${t.column()}<#if t.dimensions()??> vector(${t.dimensions()?c})</#if> | ${(t.provider())!"-"} | ${(t.model())!"-"} | <#if t.semantic()>yes<#else>**NO**</#if> | ${t.status()} | ${t.rowsTotal()?c} | ${t.pending()?c} | ${t.embedded()?c} | ${t.refreshed()?c} | ${t.skipped()?c} | ${t.failed()?c} | ${t.nullsRemaining()?c} | ${t.rowsPerSecond()?string("0.#")} | ${(t.durationMs() / 1000)?string("0.0")} s |
</#list>
<#list section.targets() as t>
<#if t.workers()?size gt 0>

Workers of the distributed backfill of ${t.name()} (rows each committed, and its rate from its first partition's start to its last commit):

| worker | host | partitions | rows | rows/s |
|---|---|---:|---:|---:|
<#list t.workers() as w>
| ${w.id()} | ${w.host()} | ${w.partitions()?c} | ${w.rows()?c} | ${w.rowsPerSecond()?string("0.#")} |
</#list>
</#if>
</#list>

<#list section.targets() as t>
<#if !t.semantic()>
- **${t.name()}: the vectors are NOT semantic.** They come from the deterministic provider (hash-seeded unit vectors, for tests and benchmarks); search over them returns noise.
</#if>
<#if t.note()??>
- ${t.name()}: ${text.esc(t.note())}
</#if>
<#if t.nullsUnexplained() gt 0>
- ${t.name()}: ${t.nullsUnexplained()?c} row(s) still have a NULL vector with no recorded reason (the run stopped, failed or hit `--limit`): run `./preflight backfill --target ${t.name()}` again, it resumes where it stopped.
</#if>
<#list t.issues() as i>
- ${t.name()}: ${i.rows()?c} row(s) ${i.kind()}: ${text.esc(i.reason())} (ids: ${text.esc(i.ids()?join(", "))}<#if i.rows() gt i.ids()?size>, ...</#if>)
</#list>
</#list>

Rows without text, and rows whose text is over the model's input limit, are skipped rather than truncated (a truncated text would be stored as if it were the whole row); their ids and reasons are kept in `preflight.embedding_issues`. A chunk whose provider answer is malformed or has the wrong dimension is not written at all.
</#if>
</#if>
