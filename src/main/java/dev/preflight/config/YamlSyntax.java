package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * The one way Preflight reads YAML (plans, seed files, smoke suites, project configuration,
 * workflows): safe construction only, and a syntax error reported as file, line, problem and remedy,
 * also when SnakeYAML gives no mark (a control character, an unreadable stream).
 */
public final class YamlSyntax {

    /** What to do about a syntax error, for every YAML file. */
    public static final String REMEDY = "fix the YAML at that line (indentation, a missing ':' or an unclosed quote)";

    /** What to do about an alias refused by {@link YamlAliases}. */
    static final String ALIAS_REMEDY = "write the value out, or alias only a value that is complete before the alias and small";

    private YamlSyntax() {
    }

    /** Plain Java values (maps, lists, strings, numbers) of one document; a syntax error names {@code where} and the line. */
    public static Object load(String text, String where) {
        try {
            Yaml yaml = checked(text);
            return yaml.load(text);
        } catch (YAMLException e) {
            throw PreflightException.config(describe(where, e), remedy(e));
        }
    }

    /** The node tree of one document, with line marks for errors about values; a syntax error names {@code where} and the line. */
    public static Node compose(String text, String where) {
        try {
            Node root = checked(text).compose(new StringReader(text));
            refuseDuplicateKeys(root, where);
            return root;
        } catch (YAMLException e) {
            throw PreflightException.config(describe(where, e), remedy(e));
        }
    }

    /**
     * The node trees of every document in the text (a stream of {@code ---} documents); a syntax error
     * is a {@link YAMLException} for the caller to report with {@link #describe}.
     */
    public static List<Node> composeAll(String text, String where) {
        List<Node> out = new ArrayList<>();
        for (Node doc : checked(text).composeAll(new StringReader(text))) {
            refuseDuplicateKeys(doc, where);
            out.add(doc);
        }
        return out;
    }

    /**
     * The one SnakeYAML set-up, once the text's aliases are checked ({@link YamlAliases}): a recursive
     * alias or an alias bomb is refused at its line before any tree is built or walked. A text without
     * a '*' has no alias to check.
     */
    private static Yaml checked(String text) {
        Yaml yaml = new Yaml(new SafeConstructor(options()));
        if (text.indexOf('*') >= 0) { // no '*', no alias: the text is parsed once, not twice
            YamlAliases.check(yaml.parse(new StringReader(text)));
        }
        return yaml;
    }

    /** The remedy for a YAML error: {@link #REMEDY}, or {@link #ALIAS_REMEDY} for a refused alias. */
    public static String remedy(YAMLException e) {
        return e instanceof YamlAliases.Problem ? ALIAS_REMEDY : REMEDY;
    }

    /**
     * SnakeYAML keeps the last of two equal keys by default: a plan or seed file would lose a value
     * without a word. Refused here for loaded values, and by {@link #refuseDuplicateKeys} for node trees.
     */
    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return options;
    }

    private static void refuseDuplicateKeys(Node node, String where) { // a DuplicateKey is reported like any syntax error
        if (node instanceof MappingNode map) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && !seen.add(key.getValue())) {
                    throw new DuplicateKey(map.getStartMark(), key.getValue(), key.getStartMark());
                }
                refuseDuplicateKeys(t.getValueNode(), where);
            }
        } else if (node instanceof SequenceNode list) {
            list.getValue().forEach(n -> refuseDuplicateKeys(n, where));
        }
    }

    /** {@code where line N: problem}, the line from the problem's mark, else the context's, else the reader's position. */
    public static String describe(String where, YAMLException e) {
        if (e instanceof MarkedYAMLException m) {
            Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
            String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
            String twice = e instanceof DuplicateKeyException ? " (given twice: YAML would keep only the last)" : "";
            String kind = e instanceof YamlAliases.Problem ? ": YAML alias refused: " : ": YAML syntax error: ";
            return where + (mark == null ? "" : " line " + (mark.getLine() + 1)) + kind + problem + twice;
        }
        if (e instanceof ReaderException r) {
            return where + ": YAML syntax error: character " + Integer.toHexString(r.getCodePoint()) + " at position " + r.getPosition()
                    + " is not allowed in YAML";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return where + ": YAML error: " + message;
    }

    /** SnakeYAML's own duplicate-key error (its constructor is protected), so it reads like the loader's. */
    private static final class DuplicateKey extends DuplicateKeyException {
        DuplicateKey(Mark context, Object key, Mark problem) {
            super(context, key, problem);
        }
    }
}
