package io.flowforge.benchmark;

import java.util.Locale;

/**
 * The databases the benchmark can create its customers table in, each with its default URL and
 * the SQL that generates the rows on the server (so setup does not stream rows from the client).
 */
enum BenchDatabase {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres") {
        @Override
        String series(long rows) {
            return "generate_series(CAST(1 AS BIGINT), CAST(" + rows + " AS BIGINT)) AS s(g)";
        }

        @Override
        String date(String days) {
            return "DATE '1940-01-01' + CAST(" + days + " AS INTEGER)";
        }

        @Override
        String timestamp(String seconds, String micros) {
            return "TIMESTAMP '2015-01-01 00:00:00' + (" + seconds + ") * INTERVAL '1 second' + (" + micros
                    + ") * INTERVAL '1 microsecond'";
        }
    },
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root") {
        @Override
        String series(long rows) {
            // MariaDB's SEQUENCE engine: a virtual table of 1..N with no storage.
            return "(SELECT seq AS g FROM seq_1_to_" + rows + ") AS s";
        }

        @Override
        String date(String days) {
            return "DATE_ADD(DATE '1940-01-01', INTERVAL (" + days + ") DAY)";
        }

        @Override
        String timestamp(String seconds, String micros) {
            return "TIMESTAMP '2015-01-01 00:00:00' + INTERVAL (" + seconds + ") SECOND + INTERVAL (" + micros
                    + ") MICROSECOND";
        }

        @Override
        String timestampType() {
            return "DATETIME(6)";
        }
    },
    H2("jdbc:h2:file:./target/h2-bench/bench", "sa") {
        @Override
        String series(long rows) {
            return "(SELECT X AS g FROM SYSTEM_RANGE(1, " + rows + ")) AS s";
        }

        @Override
        String date(String days) {
            return "DATEADD(DAY, " + days + ", DATE '1940-01-01')";
        }

        @Override
        String timestamp(String seconds, String micros) {
            return "DATEADD(MICROSECOND, " + micros + ", DATEADD(SECOND, " + seconds + ", TIMESTAMP '2015-01-01 00:00:00'))";
        }

        @Override
        String tableName(long rows) {
            // H2 folds unquoted names to upper case; the connector quotes the name it is given.
            return super.tableName(rows).toUpperCase(Locale.ROOT);
        }
    },
    SQLSERVER(null, "sa") {
        @Override
        String series(long rows) {
            return "(SELECT TOP (" + rows + ") CAST(ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS BIGINT) AS g"
                    + " FROM sys.all_columns a CROSS JOIN sys.all_columns b CROSS JOIN sys.all_columns c) AS s";
        }

        @Override
        String date(String days) {
            return "DATEADD(day, CAST(" + days + " AS INT), CAST('1940-01-01' AS date))";
        }

        @Override
        String timestamp(String seconds, String micros) {
            return "DATEADD(microsecond, CAST(" + micros + " AS INT), DATEADD(second, CAST(" + seconds
                    + " AS INT), CAST('2015-01-01' AS datetime2(6))))";
        }

        @Override
        String timestampType() {
            return "DATETIME2(6)";
        }

        @Override
        String booleanType() {
            return "BIT";
        }

        @Override
        String bool(String condition) {
            return "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
        }
    };

    private final String defaultUrl;
    private final String defaultUser;

    BenchDatabase(String defaultUrl, String defaultUser) {
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    static BenchDatabase parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--db must be postgresql, mariadb, h2 or sqlserver, was '" + name + "'");
        }
    }

    String defaultUrl() {
        return defaultUrl;
    }

    String defaultUser() {
        return defaultUser;
    }

    /** The rows 1..N as a FROM item whose BIGINT column is {@code g}. */
    abstract String series(long rows);

    abstract String date(String days);

    abstract String timestamp(String seconds, String micros);

    String timestampType() {
        return "TIMESTAMP(6)";
    }

    String booleanType() {
        return "BOOLEAN";
    }

    String bool(String condition) {
        return "(" + condition + ")";
    }

    /** One table per size, so a second run at the same size reuses it. */
    String tableName(long rows) {
        return "ff_bench_customers_" + rows;
    }

    String createTable(String table) {
        return "CREATE TABLE " + table + " (customer_id INTEGER NOT NULL PRIMARY KEY, first_name VARCHAR(50),"
                + " last_name VARCHAR(50), email VARCHAR(100), phone VARCHAR(20), city VARCHAR(50), date_of_birth DATE,"
                + " account_balance DECIMAL(15,2), credit_limit DECIMAL(15,2), is_active " + booleanType() + ","
                + " created_at " + timestampType() + " NOT NULL, updated_at " + timestampType() + ")";
    }

    /** 12 columns; every nullable column is NULL on a different tenth of the rows. */
    String fillTable(String table, long rows) {
        return "INSERT INTO " + table + " SELECT g,"
                + nullOn(1, "CONCAT('First', g % 5000)") + ","
                + nullOn(2, "CONCAT('Last', g % 20000)") + ","
                + nullOn(3, "CONCAT('customer', g, '@example.com')") + ","
                + nullOn(4, "CONCAT('+1-555-', g % 10000000)") + ","
                + nullOn(5, "CONCAT('City', g % 300)") + ","
                + nullOn(6, date("g % 25000")) + ","
                + nullOn(7, "CAST((g * 7919 % 100000000) / 100.0 AS DECIMAL(15,2))") + ","
                + nullOn(8, "CAST((g % 500) * 100 AS DECIMAL(15,2))") + ","
                + nullOn(9, bool("g % 3 = 0")) + ","
                + timestamp("g", "g * 37 % 1000000") + ","
                + nullOn(0, timestamp("g * 3", "g * 53 % 1000000"))
                + " FROM " + series(rows);
    }

    private static String nullOn(int tenth, String expression) {
        return "CASE WHEN g % 10 = " + tenth + " THEN NULL ELSE " + expression + " END";
    }
}
