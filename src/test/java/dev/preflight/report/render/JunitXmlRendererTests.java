package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.ReadinessReport;
import dev.preflight.report.StepRecord;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlRendererTests {

    static void validate(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitXmlRendererTests.class.getResource("/junit/junit.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void validatesAgainstTheJunitSchemaAndCountsMatchTheReport() throws Exception {
        // given
        ReadinessReport report = ReportFixtures.notReady();

        // when
        String xml = new JunitXmlRenderer().render(report);

        // then
        validate(xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        long failedChecks = report.checklist().stream().filter(c -> c.status() == CheckOutcome.Status.FAILED).count();
        long erroredChecks = report.checklist().stream().filter(c -> c.status() == CheckOutcome.Status.ERROR).count();
        assertThat(Integer.parseInt(root.getAttribute("tests"))).isEqualTo(report.checklist().size() + report.steps().size());
        assertThat(Long.parseLong(root.getAttribute("failures"))).isEqualTo(failedChecks);
        assertThat(Long.parseLong(root.getAttribute("errors"))).isEqualTo(erroredChecks);
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(report.checklist().size() + report.steps().size());
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(xml).contains("name=\"MIG003 No migrations are pending\"").contains("classname=\"preflight.checks.mig\"");
        assertThat(xml).contains("Remedy: run `preflight migrate` against this database");
    }

    private static Element only(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        assertThat(nodes.getLength()).as(tag + " under " + parent.getAttribute("name")).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    private static Element testcase(Document doc, String name) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    @Test
    void everySuiteAndCaseCarriesItsCountsTimesAndMessages() throws Exception {
        // given a report with a failed, a stopped and a skipped step besides a completed one
        ReadinessReport report = ReportFixtures.withSteps(ReportFixtures.notReady(), java.util.List.of(
                new StepRecord("migrate", "migrateStep", "COMPLETED", "COMPLETED", 1840),
                new StepRecord("backfill", "backfillStep", "FAILED", "FAILED", 2500),
                new StepRecord("retune", "retuneStep", "SKIPPED", "NOOP", 0),
                new StepRecord("verify", "verifyStep", "STOPPED", "STOPPED", 10)));

        // when
        String xml = new JunitXmlRenderer().render(report);

        // then the document is complete
        validate(xml);
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites").endsWith("</testsuites>\n");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("name")).isEqualTo("preflight run 20251026-235000-ab12");
        assertThat(root.getAttribute("tests")).isEqualTo("11");
        assertThat(root.getAttribute("failures")).isEqualTo("5"); // SRV002, SRV004, MIG003 + the failed and the stopped step
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("4.350");

        // and each suite's counts are those of its cases
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            String name = suite.getAttribute("name");
            assertThat(suite.getAttribute("tests")).as(name).isEqualTo(String.valueOf(suite.getElementsByTagName("testcase").getLength()));
            assertThat(suite.getAttribute("failures")).as(name).isEqualTo(String.valueOf(suite.getElementsByTagName("failure").getLength()));
            assertThat(suite.getAttribute("errors")).as(name).isEqualTo(String.valueOf(suite.getElementsByTagName("error").getLength()));
            assertThat(suite.getAttribute("skipped")).as(name).isEqualTo(String.valueOf(suite.getElementsByTagName("skipped").getLength()));
            assertThat(suite.getAttribute("timestamp")).as(name).isEqualTo("2025-10-26T23:50:00Z");
            assertThat(suite.getAttribute("time")).as(name).isNotEmpty();
        }
        assertThat(suites.getLength()).isEqualTo(5); // srv, mig, idx, seed, steps

        // and the check cases say what failed, why and what to do
        Element mig003 = testcase(doc, "MIG003 No migrations are pending");
        assertThat(mig003.getAttribute("classname")).isEqualTo("preflight.checks.mig");
        assertThat(mig003.getAttribute("time")).isEqualTo("0");
        Element failure = only(mig003, "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("blocker");
        assertThat(failure.getAttribute("message")).isEqualTo(ReportFixtures.PENDING.message().replace("\n", " ")); // XML normalises newlines in attributes
        assertThat(failure.getTextContent()).startsWith("[blocker] public: 2 migrations are pending")
                .endsWith("Remedy: run `preflight migrate` against this database");
        Element idx = only(testcase(doc, "IDX001 IVFFlat indexes were trained on data"), "error");
        assertThat(idx.getAttribute("type")).isEqualTo("high");
        assertThat(idx.getAttribute("message")).startsWith("IVFFlat index was built on an empty table");
        assertThat(only(testcase(doc, "SRV003 Required extensions are available"), "system-out").getTextContent()).isEqualTo("vector 0.8.0");
        assertThat(only(testcase(doc, "SEED001 Seed data is present"), "skipped").getAttribute("message")).isEqualTo("not run");

        // and the step cases carry their job, time and end
        Element steps = (Element) suites.item(suites.getLength() - 1);
        assertThat(steps.getAttribute("name")).isEqualTo("preflight.steps");
        assertThat(steps.getAttribute("time")).isEqualTo("4.350");
        Element migrate = testcase(doc, "migrateStep");
        assertThat(migrate.getAttribute("classname")).isEqualTo("preflight.job.migrate");
        assertThat(migrate.getAttribute("time")).isEqualTo("1.840");
        assertThat(migrate.getChildNodes().getLength()).isZero();
        Element backfill = only(testcase(doc, "backfillStep"), "failure");
        assertThat(backfill.getAttribute("type")).isEqualTo("FAILED");
        assertThat(backfill.getAttribute("message")).isEqualTo("step backfillStep of job backfill ended FAILED (FAILED)");
        assertThat(only(testcase(doc, "verifyStep"), "failure").getAttribute("type")).isEqualTo("STOPPED");
        assertThat(only(testcase(doc, "retuneStep"), "skipped").getAttribute("message")).isEqualTo("NOOP");
    }

    @Test
    void aReportThatNeverConnectedIsStillValid() throws Exception {
        validate(new JunitXmlRenderer().render(ReportFixtures.notConnected()));
    }
}
