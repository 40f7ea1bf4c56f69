package io.flowforge.connector;

/** What a read does with a column whose type has no exact Arrow mapping. */
@PublicEvolving
public enum UnsupportedTypePolicy {
    /** Fail before the first row with one message naming the table, column and type (the default). */
    FAIL,
    /** Leave the column out of the result, and log which columns were left out. */
    SKIP,
    /** Read the column as text, converted by the database or the driver. */
    AS_STRING
}
