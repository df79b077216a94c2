package dev.preflight.report.render;
/** STUB (replaced by the real renderer). */
public class MarkdownRenderer { public MarkdownRenderer(java.nio.file.Path p) {} public String render(dev.preflight.report.ReadinessReport r) { return "# Readiness " + r.verdict(); } }
