<#-- Verify job section: drift, history, smoke, git, CI, domains, comparison. Variable: report (ReadinessReport). -->
<#macro verifyCell value=""><#compress>${text.esc((value!"")?truncate(140, "…"))}</#compress></#macro>
<#if report.verify()??>
<#assign v = report.verify()>
## Verification

<#if v.totalMs() gt 0>Verify ran in ${v.totalMs()?c} ms. </#if>Every line below was measured in this run.

### Status summary

| Component | Status | Detail |
|---|---|---|
<#if v.drift()??>
<#assign d = v.drift()>
<#if d.error()??>
| Schema drift | ❌ not compared | <@verifyCell d.error()/> |
<#elseif d.items()?size == 0>
| Schema drift | ✅ no drift | ${d.objectsCompared()} objects compared with a replay of the migrations (replay ${d.replayMs()?c} ms, introspection ${d.introspectMs()?c} ms, diff ${d.diffMs()?c} ms) |
<#else>
| Schema drift | ⚠ ${d.items()?size} difference(s) | ${d.objectsCompared()} objects compared (replay ${d.replayMs()?c} ms, introspection ${d.introspectMs()?c} ms, diff ${d.diffMs()?c} ms); repair SQL in `${d.driftSqlFile()!"drift.sql"}` |
</#if>
</#if>
<#if v.history()??>
<#assign h = v.history()>
| Migration history | <#if h.pending() + h.failed() + h.checksumMismatches() + h.missingFiles() == 0>✅ consistent<#else>⚠ inconsistent</#if> | ${h.applied()} applied, ${h.pending()} pending, ${h.failed()} failed, ${h.checksumMismatches()} checksum mismatch(es), ${h.missingFiles()} without file |
</#if>
<#assign smokePassed = v.smoke()?filter(s -> s.status()?string == "PASSED")?size>
| Smoke checks | <#if smokePassed == v.smoke()?size>✅<#else>⚠</#if> ${smokePassed} of ${v.smoke()?size} passed | checks from `jobs/checks/` |
<#if v.git()??>
<#assign g = v.git()>
<#if !g.repository()>
| Git | ⚠ not verified | <@verifyCell g.error()!"no repository"/> |
<#else>
| Git | <#if g.uncommittedMigrations()?size + g.uncommittedSchemaOrSeed()?size + g.trackedSecrets()?size == 0>✅ clean<#else>⚠ needs a commit</#if> | branch ${g.branch()!"?"} at ${g.head()!"no commits"}; ${g.uncommittedMigrations()?size} uncommitted migration(s), ${g.trackedSecrets()?size} tracked secret file(s) |
</#if>
</#if>
<#if v.ci()??>
<#assign c = v.ci()>
| CI | <#if c.workflows()?size gt 0>✅ ${c.workflows()?size} workflow(s)<#else>⚠ no workflow</#if> | <#if c.ciMode()>in CI: DATABASE_URL <#if c.databaseUrlSet()!false>set<#else>**not set**</#if>, DIRECT_DATABASE_URL <#if c.directDatabaseUrlSet()!false>set<#else>not set</#if><#else>not running in CI (CI is not true)</#if> |
</#if>

<#if v.drift()?? && v.drift().items()?size gt 0>
### Schema drift

Differences between the database and a replay of its migrations on a shadow database. The statements
that undo them are in `${v.drift().driftSqlFile()!"drift.sql"}` beside this report: **review before applying**.

| Check | Severity | Object | Change | Migrations | Database |
|---|---|---|---|---|---|
<#list v.drift().items() as i>
| ${i.checkId()} | ${i.severity().id()} | <@verifyCell i.subject()/> | <@verifyCell i.change()/><#if !i.repairable()> (fix by hand)</#if> | <@verifyCell i.expected()/> | <@verifyCell i.actual()/> |
</#list>

</#if>
<#if v.smoke()?size gt 0>
### Smoke checks

| Id | Check | Severity | Result | Time | Evidence |
|---|---|---|---|---|---|
<#list v.smoke() as s>
| ${s.id()} | <@verifyCell s.title()/> | ${s.severity().id()} | <#if s.status()?string == "PASSED">✅ passed<#elseif s.status()?string == "ERROR">❌ error<#else>⚠ failed</#if> | ${s.millis()?c} ms | <@verifyCell s.evidence()/> |
</#list>

</#if>
<#if v.git()?? && v.git().repository() && (v.git().uncommittedMigrations()?size + v.git().uncommittedSchemaOrSeed()?size + v.git().trackedSecrets()?size gt 0)>
### Git readiness

<#list v.git().uncommittedMigrations() as f>
- Migration not committed: `${f}`
</#list>
<#list v.git().uncommittedSchemaOrSeed() as f>
- Schema or seed file not committed: `${f}`
</#list>
<#list v.git().trackedSecrets() as f>
- Secret-bearing file tracked by git: `${f}`
</#list>

</#if>
<#if v.ci()?? && v.ci().workflows()?size gt 0>
### CI workflows

| Workflow | Triggers | Runs |
|---|---|---|
<#list v.ci().workflows() as w>
| `${w.file()}` | ${w.triggers()?join(", ")} | <@verifyCell w.runs()?join("; ")/> |
</#list>

</#if>
<#if v.domains()?size gt 0>
### Schema domains

| Domain | Tables present | Open findings | Previous run | Change |
|---|---|---|---|---|
<#list v.domains() as dm>
| ${dm.domain()} | ${dm.tablesPresent()}<#if dm.tables()?size gt 0 && dm.domain() != "Other"> of ${dm.tables()?size}</#if><#if dm.missingTables()?size gt 0> (missing: ${dm.missingTables()?join(", ")})</#if> | ${dm.openFindings()} | <#if dm.previousTablesPresent()??>${dm.previousTablesPresent()} tables, ${dm.previousOpenFindings()} findings<#else>—</#if> | ${dm.change()!"—"} |
</#list>

</#if>
<#if v.comparison()??>
<#assign cmp = v.comparison()>
### Compared with the previous run

Previous run `${cmp.previousRunId()!"?"}` (${cmp.previousGeneratedAt()!"?"}, verdict ${cmp.previousVerdict()!"?"}): ${cmp.added()?size} new, ${cmp.fixed()?size} fixed, ${cmp.stillOpen()?size} still open.

<#list cmp.added() as f>
- 🆕 new: ${f.id()} (${f.severity().id()}) <@verifyCell f.subject()/>
</#list>
<#list cmp.fixed() as f>
- ✅ fixed: ${f.id()} (${f.severity().id()}) <@verifyCell f.subject()/>
</#list>
<#list cmp.stillOpen() as f>
- ⏳ still open: ${f.id()} (${f.severity().id()}) <@verifyCell f.subject()/>
</#list>
<#else>
No earlier report in the reports folder to compare with.
</#if>
</#if>
