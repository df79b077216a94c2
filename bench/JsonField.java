import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the values at paths of a JSON file, for the bench scripts: {@code java -cp CP
 * bench/JsonField.java FILE embeddings.targets[0].failed steps[*].durationMs}. A missing path fails
 * loudly (exit 3), so a renamed report field can never be read as some other key's number.
 *
 * <p>A path is names joined by dots, each name followed by any number of {@code [i]} (one element)
 * or {@code [*]} (every element: the values are printed space-separated; none for an empty array,
 * which exists). Values of several paths are printed space-separated on one line.
 */
public class JsonField {

    private static final Pattern PART = Pattern.compile("([^\\[\\]]*)((?:\\[(?:\\d+|\\*)])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|\\*)]");

    /** A path that does not lead to a value; {@code stoppedAt} is the part where it ended. */
    static final class MissingPath extends Exception {
        MissingPath(String path, String stoppedAt, String why) {
            super("no value at '" + path + "' (" + why + " at '" + stoppedAt + "')");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Prints the values at {@code args[1..]} of the file {@code args[0]}; the exit code: 0, 2 for usage, 3 for a missing path or file. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: JsonField FILE PATH [PATH...]   (PATH like embeddings.targets[0].failed or steps[*].durationMs)");
            return 2;
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        } catch (Exception e) {
            err.println("JsonField: cannot read " + args[0] + " (" + e + "). Did the command write its report?");
            return 3;
        }
        List<String> values = new ArrayList<>();
        for (int a = 1; a < args.length; a++) {
            try {
                for (JsonNode n : select(root, args[a])) {
                    values.add(n.isValueNode() ? n.asString() : n.toString());
                }
            } catch (MissingPath e) {
                err.println("JsonField: " + e.getMessage() + " in " + args[0] + ". Was the report field renamed? Update the bench script.");
                return 3;
            }
        }
        out.println(String.join(" ", values));
        return 0;
    }

    /** The nodes at {@code path} below {@code root}: one for a path without {@code [*]}; never null or JSON null. */
    static List<JsonNode> select(JsonNode root, String path) throws MissingPath {
        List<JsonNode> nodes = List.of(root);
        for (String part : path.split("\\.", -1)) {
            Matcher m = PART.matcher(part);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw new MissingPath(path, part, "not a name with [index] or [*]");
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : nodes) {
                next.addAll(step(n, m.group(1), m.group(2), path, part));
            }
            nodes = next;
        }
        return nodes;
    }

    private static List<JsonNode> step(JsonNode node, String name, String indexes, String path, String part) throws MissingPath {
        JsonNode at = name.isEmpty() ? node : node.get(name);
        if (absent(at)) {
            throw new MissingPath(path, part, "no field '" + name + "' or a null one");
        }
        List<JsonNode> out = List.of(at);
        Matcher ix = INDEX.matcher(indexes);
        while (ix.find()) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : out) {
                if (!n.isArray()) {
                    throw new MissingPath(path, part, "not an array");
                }
                if (ix.group(1).equals("*")) {
                    n.forEach(next::add);
                } else {
                    next.add(n.get(Integer.parseInt(ix.group(1))));
                }
            }
            for (JsonNode n : next) {
                if (absent(n)) {
                    throw new MissingPath(path, part, "no element or a null one");
                }
            }
            out = next;
        }
        return out;
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }
}
