package io.flowforge.bronze.parquet;

/** A column whose Arrow type the bronze writer cannot store in Parquet; the message names the column and type. */
public final class UnsupportedArrowTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedArrowTypeException(String message) {
        super(message);
    }
}
