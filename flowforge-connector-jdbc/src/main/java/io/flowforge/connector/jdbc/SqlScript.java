package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a simple SQL script such as {@code sql/BFSI_Test.sql} (sample data for tests and the
 * examples): comment lines are dropped, a statement ends at a line whose last character is
 * {@code ;}, and each statement is executed in order. Not a general SQL parser.
 */
@Internal
public final class SqlScript {

    private SqlScript() {}

    /** The statements of a script, without their trailing semicolons. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("the script ends inside a statement: " + current);
        }
        return out;
    }

    /** Executes every statement of a script file on the connection. */
    public static int run(Connection connection, Path script) throws IOException, SQLException {
        return run(connection, Files.readString(script, StandardCharsets.UTF_8));
    }

    /** Executes every statement of a script's text on the connection; returns how many ran. */
    public static int run(Connection connection, String script) throws SQLException {
        List<String> statements = statements(script);
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return statements.size();
    }
}
