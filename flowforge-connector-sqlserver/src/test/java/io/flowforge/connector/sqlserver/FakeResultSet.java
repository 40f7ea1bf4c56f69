package io.flowforge.connector.sqlserver;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A one-column {@link ResultSet} that answers like mssql-jdbc for the value it holds: the getters
 * convert the way the driver does ({@code getInt} of a tinyint Short 255 is 255, {@code getByte}
 * of it is -1), and {@code getObject(i, Class)} returns only the class the driver supports.
 */
final class FakeResultSet {

    private Object value;
    private boolean wasNull;
    private final ResultSet proxy;

    FakeResultSet() {
        proxy = (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (p, method, args) -> {
                    String name = method.getName();
                    if (name.equals("wasNull")) {
                        return wasNull;
                    }
                    if (name.equals("toString")) {
                        return "FakeResultSet[" + value + "]";
                    }
                    if (!name.startsWith("get") || args == null || args.length == 0 || !(args[0] instanceof Integer col)) {
                        throw new UnsupportedOperationException(name);
                    }
                    if (col != 1) {
                        throw new SQLException("The index " + col + " is out of range.");
                    }
                    wasNull = value == null;
                    return switch (name) {
                        case "getObject" -> args.length == 1 ? value : typed((Class<?>) args[1]);
                        case "getBoolean" -> value != null && (Boolean) value;
                        case "getByte" -> value == null ? (byte) 0 : ((Number) value).byteValue();
                        case "getShort" -> value == null ? (short) 0 : ((Number) value).shortValue();
                        case "getInt" -> value == null ? 0 : ((Number) value).intValue();
                        case "getLong" -> value == null ? 0L : ((Number) value).longValue();
                        case "getFloat" -> value == null ? 0f : ((Number) value).floatValue();
                        case "getDouble" -> value == null ? 0d : ((Number) value).doubleValue();
                        case "getBigDecimal" -> (BigDecimal) value;
                        case "getString" -> value == null ? null : value.toString();
                        case "getBytes" -> (byte[]) value;
                        default -> throw new UnsupportedOperationException(name);
                    };
                });
    }

    private Object typed(Class<?> type) throws SQLException {
        if (value instanceof RuntimeException e) {
            throw e; // a getter that fails inside the driver, e.g. DateTimeOffset.getOffsetDateTime()
        }
        if (value == null || type.isInstance(value)) {
            return value;
        }
        throw new SQLException("The conversion from " + value.getClass().getSimpleName() + " to " + type.getSimpleName()
                + " is unsupported.");
    }

    /**
     * Positions on a row holding this driver value ({@code null} for SQL NULL; a RuntimeException
     * is thrown by {@code getObject(i, Class)}, as a driver's failing conversion would be).
     */
    ResultSet at(Object driverValue) {
        this.value = driverValue;
        this.wasNull = false;
        return proxy;
    }
}
