package dev.preflight.report.render;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.StepRecord;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, so CI systems show Preflight's results natively: one test case per
 * check (a suite per check family) and one per job step. FAILED checks are failures, crashed checks
 * errors, checks no job covered skipped.
 */
public final class JunitXmlRenderer {

    public String render(ReadinessReport report) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "preflight " + report.command() + " " + report.runId());
            List<CheckOutcome> checks = report.checklist();
            List<StepRecord> steps = report.steps();
            w.writeAttribute("tests", String.valueOf(checks.size() + steps.size()));
            w.writeAttribute("failures", String.valueOf(count(checks, CheckOutcome.Status.FAILED) + steps.stream().filter(JunitXmlRenderer::failed).count()));
            w.writeAttribute("errors", String.valueOf(count(checks, CheckOutcome.Status.ERROR)));
            w.writeAttribute("time", seconds(steps.stream().mapToLong(StepRecord::durationMs).sum()));
            w.writeCharacters("\n");
            for (var family : checks.stream().collect(Collectors.groupingBy(JunitXmlRenderer::family,
                    java.util.LinkedHashMap::new, Collectors.toList())).entrySet()) {
                checkSuite(w, report, family.getKey(), family.getValue());
            }
            stepSuite(w, report, steps);
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML failed", e);
        }
        return out.toString();
    }

    private static void checkSuite(XMLStreamWriter w, ReadinessReport report, String family, List<CheckOutcome> checks) throws XMLStreamException {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "preflight.checks." + family);
        w.writeAttribute("tests", String.valueOf(checks.size()));
        w.writeAttribute("failures", String.valueOf(count(checks, CheckOutcome.Status.FAILED)));
        w.writeAttribute("errors", String.valueOf(count(checks, CheckOutcome.Status.ERROR)));
        w.writeAttribute("skipped", String.valueOf(count(checks, CheckOutcome.Status.NOT_RUN)));
        w.writeAttribute("time", "0");
        w.writeAttribute("timestamp", report.generatedAt());
        w.writeCharacters("\n");
        for (CheckOutcome c : checks) {
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "preflight.checks." + family);
            w.writeAttribute("name", c.id() + " " + c.title());
            w.writeAttribute("time", "0");
            switch (c.status()) {
                case FAILED -> problem(w, "failure", c);
                case ERROR -> problem(w, "error", c);
                case NOT_RUN -> {
                    w.writeStartElement("skipped");
                    w.writeAttribute("message", c.evidence() == null ? "not run" : c.evidence());
                    w.writeEndElement();
                }
                case PASSED -> {
                    if (c.evidence() != null) {
                        w.writeStartElement("system-out");
                        w.writeCharacters(c.evidence());
                        w.writeEndElement();
                    }
                }
            }
            w.writeEndElement();
            w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static void problem(XMLStreamWriter w, String element, CheckOutcome c) throws XMLStreamException {
        List<Finding> findings = c.findings();
        String worst = findings.stream().map(f -> f.severity().id()).findFirst().orElse("unknown");
        w.writeStartElement(element);
        w.writeAttribute("type", worst);
        w.writeAttribute("message", findings.isEmpty() ? c.title() : findings.get(0).message());
        w.writeCharacters(findings.stream().map(f -> "[" + f.severity().id() + "] " + f.subject() + ": " + f.message()
                + (f.remedy() == null ? "" : "\nRemedy: " + f.remedy())).collect(Collectors.joining("\n\n")));
        w.writeEndElement();
    }

    private static void stepSuite(XMLStreamWriter w, ReadinessReport report, List<StepRecord> steps) throws XMLStreamException {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "preflight.steps");
        w.writeAttribute("tests", String.valueOf(steps.size()));
        w.writeAttribute("failures", String.valueOf(steps.stream().filter(JunitXmlRenderer::failed).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", String.valueOf(steps.stream().filter(s -> s.status().equals("SKIPPED")).count()));
        w.writeAttribute("time", seconds(steps.stream().mapToLong(StepRecord::durationMs).sum()));
        w.writeAttribute("timestamp", report.generatedAt());
        w.writeCharacters("\n");
        for (StepRecord s : steps) {
            w.writeStartElement("testcase");
            w.writeAttribute("classname", "preflight.job." + s.job());
            w.writeAttribute("name", s.step());
            w.writeAttribute("time", seconds(s.durationMs()));
            if (failed(s)) {
                w.writeStartElement("failure");
                w.writeAttribute("type", s.status());
                w.writeAttribute("message", "step " + s.step() + " of job " + s.job() + " ended " + s.status() + " (" + s.exitCode() + ")");
                w.writeEndElement();
            } else if (s.status().equals("SKIPPED")) {
                w.writeStartElement("skipped");
                w.writeAttribute("message", s.exitCode());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeCharacters("\n");
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static boolean failed(StepRecord s) {
        return s.status().equals("FAILED") || s.status().equals("STOPPED") || s.status().equals("ABANDONED");
    }

    private static String family(CheckOutcome c) {
        String letters = c.id().replaceAll("[0-9].*$", "");
        return letters.isEmpty() ? "other" : letters.toLowerCase(Locale.ROOT);
    }

    private static long count(List<CheckOutcome> checks, CheckOutcome.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
