package io.flowforge.bronze.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Parquet types and writers of constant columns: required STRING, or required TIMESTAMP(MICROS, UTC). */
final class ConstantMapping {

    private ConstantMapping() {
    }

    static Type type(ConstantColumn c) {
        if (c.text() != null) {
            return Types.required(PrimitiveTypeName.BINARY).as(stringType()).named(c.name());
        }
        return Types.required(PrimitiveTypeName.INT64)
                .as(timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
    }

    static ColumnWriter writer(ConstantColumn c, int index) {
        return c.text() != null
                ? ColumnWriter.Constant.ofString(c.name(), index, c.text())
                : ColumnWriter.Constant.ofLong(c.name(), index, c.epochMicros());
    }
}
