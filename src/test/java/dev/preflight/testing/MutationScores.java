package dev.preflight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints PIT's mutation score per package from its mutations.xml (PIT itself prints only the
 * total); run by the {@code mutation} Maven profile after the analysis.
 */
public final class MutationScores {

    /** Mutant counts of one package: score = killed / all, strength = killed / covered. */
    record Tally(int mutants, int killed, int noCoverage) {
        Tally add(boolean detected, boolean covered) {
            return new Tally(mutants + 1, killed + (detected ? 1 : 0), noCoverage + (covered ? 0 : 1));
        }

        int score() {
            return mutants == 0 ? 0 : Math.round(100f * killed / mutants);
        }

        int strength() {
            int covered = mutants - noCoverage;
            return covered == 0 ? 0 : Math.round(100f * killed / covered);
        }
    }

    private MutationScores() {
    }

    /** Tallies per package, sorted by package name. */
    static Map<String, Tally> byPackage(InputStream mutationsXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList mutations = factory.newDocumentBuilder().parse(mutationsXml).getElementsByTagName("mutation");
        Map<String, Tally> out = new TreeMap<>();
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String mutated = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            String pkg = mutated.substring(0, Math.max(0, mutated.lastIndexOf('.')));
            boolean detected = Boolean.parseBoolean(m.getAttribute("detected"));
            boolean covered = !"NO_COVERAGE".equals(m.getAttribute("status"));
            out.merge(pkg, new Tally(0, 0, 0).add(detected, covered), (a, b) -> new Tally(a.mutants + b.mutants,
                    a.killed + b.killed, a.noCoverage + b.noCoverage));
        }
        return out;
    }

    static String table(Map<String, Tally> tallies) {
        StringBuilder sb = new StringBuilder(String.format("%-40s %8s %7s %7s %6s %9s%n", "package", "mutants", "killed", "no-cov", "score", "strength"));
        Tally total = new Tally(0, 0, 0);
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            sb.append(String.format("%-40s %8d %7d %7d %5d%% %8d%%%n", e.getKey(), t.mutants, t.killed, t.noCoverage, t.score(), t.strength()));
            total = new Tally(total.mutants + t.mutants, total.killed + t.killed, total.noCoverage + t.noCoverage);
        }
        sb.append(String.format("%-40s %8d %7d %7d %5d%% %8d%%%n", "TOTAL", total.mutants, total.killed, total.noCoverage, total.score(), total.strength()));
        return sb.toString();
    }

    public static void main(String[] args) throws Exception {
        Path xml = Path.of(args.length > 0 ? args[0] : "target/pit-reports/mutations.xml");
        if (!Files.isRegularFile(xml)) {
            throw new IOException("no PIT report at " + xml + ": run `mvn -Pmutation test` first");
        }
        try (InputStream in = Files.newInputStream(xml)) {
            System.out.print(table(byPackage(in)));
        }
    }
}
