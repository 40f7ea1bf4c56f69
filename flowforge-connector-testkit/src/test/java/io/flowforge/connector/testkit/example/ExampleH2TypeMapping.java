package io.flowforge.connector.testkit.example;

import static io.flowforge.connector.jdbc.StandardColumnMappings.binary;
import static io.flowforge.connector.jdbc.StandardColumnMappings.bool;
import static io.flowforge.connector.jdbc.StandardColumnMappings.date;
import static io.flowforge.connector.jdbc.StandardColumnMappings.decimalIfFits;
import static io.flowforge.connector.jdbc.StandardColumnMappings.float32;
import static io.flowforge.connector.jdbc.StandardColumnMappings.float64;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int16;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int32;
import static io.flowforge.connector.jdbc.StandardColumnMappings.int64;
import static io.flowforge.connector.jdbc.StandardColumnMappings.time;
import static io.flowforge.connector.jdbc.StandardColumnMappings.timestamp;
import static io.flowforge.connector.jdbc.StandardColumnMappings.timestampUtc;
import static io.flowforge.connector.jdbc.StandardColumnMappings.utf8;
import static io.flowforge.connector.jdbc.StandardColumnMappings.uuid;
import static org.apache.arrow.vector.types.TimeUnit.MICROSECOND;

import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.jdbc.ColumnMapping;
import io.flowforge.connector.jdbc.JdbcColumn;
import io.flowforge.connector.jdbc.JdbcTypeMapping;
import java.util.Locale;
import java.util.Optional;

/** H2's type names (as its driver reports them) to Arrow, one line each, from the standard mappings. */
final class ExampleH2TypeMapping implements JdbcTypeMapping {

    @Override
    public Optional<ColumnMapping> map(JdbcColumn c, ReadOptions options) {
        return Optional.ofNullable(switch (c.typeName().toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> bool(c);
            case "TINYINT", "SMALLINT" -> int16(c);
            case "INTEGER" -> int32(c);
            case "BIGINT" -> int64(c);
            case "REAL" -> float32(c);
            case "DOUBLE PRECISION" -> float64(c);
            case "NUMERIC", "DECIMAL" -> decimalIfFits(c);
            case "DATE" -> date(c);
            case "TIME" -> time(c, MICROSECOND);
            case "TIMESTAMP" -> timestamp(c, MICROSECOND);
            case "TIMESTAMP WITH TIME ZONE" -> timestampUtc(c, MICROSECOND);
            case "CHARACTER", "CHARACTER VARYING", "CHARACTER LARGE OBJECT" -> utf8(c);
            case "BINARY", "BINARY VARYING" -> binary(c);
            case "UUID" -> uuid(c);
            default -> null;
        });
    }
}
