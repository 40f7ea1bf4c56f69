package io.flowforge.bronze.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/**
 * {@link EncodingChoices}: a column whose dictionary is given up on the first page of a row group
 * gets a PLAIN writer for the next row groups; one that falls back only on a later page, or never,
 * keeps trying the dictionary; with dictionaries off, parquet-java's own writers are used.
 */
class EncodingChoicesUnitTest {
    static final MessageType SCHEMA = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY).named("email")
            .optional(PrimitiveTypeName.BINARY).named("city")
            .optional(PrimitiveTypeName.INT32).named("id")
            .optional(PrimitiveTypeName.INT64).named("created")
            .optional(PrimitiveTypeName.INT64).named("amount")
            .optional(PrimitiveTypeName.DOUBLE).named("ratio")
            .named("schema");

    static ColumnDescriptor column(String name) {
        return SCHEMA.getColumnDescription(new String[] {name});
    }

    static ParquetProperties props(EncodingChoices choices, boolean dictionary) {
        return ParquetProperties.builder().withPageSize(64 * 1024).withDictionaryPageSize(64 * 1024)
                .withDictionaryEncoding(dictionary).withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withValuesWriterFactory(choices).build();
    }

    /** One row group's first page of {@code n} values: value i is {@code i % distinct}. */
    static Encoding firstPage(ValuesWriter w, ColumnDescriptor c, int n, int distinct) throws Exception {
        for (int i = 0; i < n; i++) {
            int v = i % distinct;
            switch (c.getPrimitiveType().getPrimitiveTypeName()) {
                case BINARY -> w.writeBytes(Binary.fromString("value-" + v + "@example.com"));
                case INT32 -> w.writeInteger(v * 7919);
                default -> w.writeLong(v * 1_000_003L);
            }
        }
        w.getBytes().toByteArray();
        Encoding e = w.getEncoding();
        w.reset();
        return e;
    }

    @Test
    void columnsThatFellBackOnTheFirstPageArePlainInTheNextRowGroup() throws Exception {
        EncodingChoices choices = new EncodingChoices();
        props(choices, true);
        // Row group 1: unique email, id and created fall back on their first page; city and amount repeat.
        assertThat(firstPage(choices.newValuesWriter(column("email")), column("email"), 5_000, 5_000)).isEqualTo(Encoding.PLAIN);
        assertThat(firstPage(choices.newValuesWriter(column("id")), column("id"), 5_000, 5_000)).isEqualTo(Encoding.PLAIN);
        assertThat(firstPage(choices.newValuesWriter(column("created")), column("created"), 5_000, 5_000))
                .isEqualTo(Encoding.PLAIN);
        assertThat(firstPage(choices.newValuesWriter(column("city")), column("city"), 5_000, 30))
                .isEqualTo(Encoding.PLAIN_DICTIONARY);
        assertThat(firstPage(choices.newValuesWriter(column("amount")), column("amount"), 5_000, 30))
                .isEqualTo(Encoding.PLAIN_DICTIONARY);

        // Row group 2: PLAIN straight away for the three, the dictionary again for the two.
        for (String c : new String[] {"email", "id", "created"}) {
            assertThat(choices.plain(c)).as(c).isTrue();
            assertThat(choices.newValuesWriter(column(c))).as(c).isInstanceOf(PlainValuesWriter.class);
        }
        for (String c : new String[] {"city", "amount"}) {
            assertThat(choices.plain(c)).as(c).isFalse();
            ValuesWriter w = choices.newValuesWriter(column(c));
            assertThat(w).as(c).isInstanceOf(FallbackValuesWriter.class);
            assertThat(((FallbackValuesWriter<?, ?>) w).initialWriter.getClass().getSimpleName())
                    .isIn("BinaryDictionaryWriter", "Int64Dictionary");
        }
        // Types without our dictionary writers get parquet-java's.
        assertThat(choices.newValuesWriter(column("ratio")).getClass().getSimpleName()).isEqualTo("FallbackValuesWriter");
        assertThat(choices.plain("ratio")).isFalse();
    }

    @Test
    void aFallbackOnALaterPageIsNotRemembered() throws Exception {
        EncodingChoices choices = new EncodingChoices();
        props(choices, true);
        ValuesWriter w = choices.newValuesWriter(column("city"));
        assertThat(firstPage(w, column("city"), 5_000, 30)).isEqualTo(Encoding.PLAIN_DICTIONARY);
        // Second page: new values until the 64 KiB dictionary is full, then PLAIN.
        for (int i = 0; i < 5_000; i++) {
            w.writeBytes(Binary.fromString("late-value-" + i + "-".repeat(20)));
        }
        w.getBytes().toByteArray();
        assertThat(w.getEncoding()).isEqualTo(Encoding.PLAIN);
        assertThat(choices.plain("city")).isFalse();
    }

    @Test
    void withoutDictionariesParquetJavasPlainWritersAreUsed() {
        EncodingChoices choices = new EncodingChoices();
        props(choices, false);
        assertThat(choices.newValuesWriter(column("email"))).isInstanceOf(PlainValuesWriter.class);
        assertThat(choices.newValuesWriter(column("id"))).isInstanceOf(PlainValuesWriter.class);
    }
}
