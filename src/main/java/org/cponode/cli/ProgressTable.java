package org.cponode.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@code progress.csv} read into numeric columns, one value per iteration. Booleans read as 1 and 0.
 * A ragged or non-numeric file is an error naming the file, the line and the column.
 */
public final class ProgressTable {

    private final Path source;
    private final Map<String, double[]> columns;
    private final int rows;

    private ProgressTable(Path source, Map<String, double[]> columns, int rows) {
        this.source = source;
        this.columns = columns;
        this.rows = rows;
    }

    /** Reads and checks a progress file. */
    public static ProgressTable read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + " is empty (no header)");
        }
        String[] header = lines.get(0).split(",", -1);
        int rows = lines.size() - 1;
        double[][] values = new double[header.length][rows];
        for (int r = 0; r < rows; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(csv + " line " + (r + 2) + " has " + cells.length + " fields, the header "
                        + header.length);
            }
            for (int c = 0; c < header.length; c++) {
                values[c][r] = parse(cells[c], csv, r + 2, header[c]);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            if (columns.put(header[c], values[c]) != null) {
                throw new IllegalArgumentException(csv + " has the column '" + header[c] + "' twice");
            }
        }
        return new ProgressTable(csv, columns, rows);
    }

    private static double parse(String cell, Path csv, int line, String column) {
        return switch (cell) {
            case "true" -> 1;
            case "false" -> 0;
            default -> {
                try {
                    yield Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(csv + " line " + line + " column '" + column
                            + "' is not a number: '" + cell + "'");
                }
            }
        };
    }

    /** Number of iterations (data rows). */
    public int rows() {
        return rows;
    }

    public Path source() {
        return source;
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** A copy of the column, or an error naming the file and the column. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException(source + " has no column '" + name + "'");
        }
        return Arrays.copyOf(c, c.length);
    }
}
