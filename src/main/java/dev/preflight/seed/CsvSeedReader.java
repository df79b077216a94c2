package dev.preflight.seed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Reads a CSV seed file for bulk rows: the table is the file name without a leading order prefix
 * ({@code 40-chunks.csv} loads {@code chunks}), the first line names the columns. As in PostgreSQL's
 * CSV format, an unquoted empty field is NULL and a quoted one ({@code ""}) the empty string.
 */
final class CsvSeedReader {

    private CsvSeedReader() {
    }

    static String tableOf(Path path) {
        String name = path.getFileName().toString();
        return name.substring(0, name.length() - ".csv".length()).replaceFirst("^\\d+[-_]", "");
    }

    static SeedBlock read(Path path, String file) {
        String text = SeedFiles.text(path, file);
        String table = tableOf(path);
        Parser p = new Parser(text, file);
        List<String> header = p.record();
        if (header == null || header.stream().anyMatch(h -> h == null || h.isBlank())) {
            throw new SeedInputException(file + " line 1: the first line must name the columns of " + table,
                    "write a header line such as id,name,...");
        }
        if (new HashSet<>(header).size() != header.size()) {
            throw new SeedInputException(file + " line 1: a column is named twice in the header", "remove the repeated column");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        while (true) {
            int line = p.line;
            List<String> fields = p.record();
            if (fields == null) {
                break;
            }
            if (fields.size() == 1 && fields.get(0) == null) {
                continue; // a blank line
            }
            if (fields.size() != header.size()) {
                throw new SeedInputException(file + " line " + line + " (" + table + " record " + (rows.size() + 1) + "): "
                        + fields.size() + " fields, but the header names " + header.size() + " columns",
                        "quote fields that contain commas, and give every row one field per column");
            }
            rows.add(fields.toArray(new String[0]));
            lines.add(line);
        }
        int[] records = new int[rows.size()];
        java.util.Arrays.setAll(records, i -> i + 1);
        return new SeedBlock(table, file, List.copyOf(header), rows, lines.stream().mapToInt(Integer::intValue).toArray(),
                records, false, null, null);
    }

    /** RFC 4180 fields, tracking lines; quoted fields may span lines. */
    private static final class Parser {
        private final String s;
        private final String file;
        private int at;
        int line = 1;

        Parser(String s, String file) {
            this.s = s.startsWith("\uFEFF") ? s.substring(1) : s;
            this.file = file;
        }

        List<String> record() {
            if (at >= s.length()) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            int startLine = line;
            while (true) {
                StringBuilder sb = new StringBuilder();
                boolean quoted = false;
                if (at < s.length() && s.charAt(at) == '"') {
                    quoted = true;
                    at++;
                    while (true) {
                        if (at >= s.length()) {
                            throw new SeedInputException(file + " line " + startLine + ": a quoted field is never closed",
                                    "close the quote (write \"\" for a quote inside a field)");
                        }
                        char c = s.charAt(at++);
                        if (c == '"') {
                            if (at < s.length() && s.charAt(at) == '"') {
                                sb.append('"');
                                at++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') {
                                line++;
                            }
                            sb.append(c);
                        }
                    }
                }
                while (at < s.length() && s.charAt(at) != ',' && s.charAt(at) != '\n' && s.charAt(at) != '\r') {
                    sb.append(s.charAt(at++));
                }
                fields.add(!quoted && sb.isEmpty() ? null : sb.toString());
                if (at < s.length() && s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                if (at < s.length() && s.charAt(at) == '\r') {
                    at++;
                }
                if (at < s.length() && s.charAt(at) == '\n') {
                    at++;
                }
                line++;
                return fields;
            }
        }
    }
}
