package io.flowforge.bronze;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one committed bronze write: the seed plan's {@code status},
 * {@code records_processed} and {@code bronze_file_path}, plus size, schema, row groups and speed.
 *
 * @param status {@code success} (a failed write throws {@link BronzeWriteException} instead)
 * @param recordsProcessed rows written
 * @param bytesWritten size of the Parquet object
 * @param bronzeFilePath full URI: {@code s3://bucket/key} or {@code file:/...}
 * @param objectKey the key under the store's root, {@code bronze/{table}/{batch_id}.parquet}
 * @param parquetSchema the Parquet schema as text
 * @param codec the compression codec, e.g. {@code SNAPPY}
 * @param rowGroups row groups in the file
 * @param batches Arrow batches read
 * @param duration from the first read to the commit
 */
public record BronzeWriteResult(
        String status,
        long recordsProcessed,
        long bytesWritten,
        String bronzeFilePath,
        String objectKey,
        String parquetSchema,
        String codec,
        int rowGroups,
        long batches,
        Duration duration) {

    public static final String SUCCESS = "success";
    /** No rows, and (as asked) no object written. */
    public static final String EMPTY = "empty";

    public BronzeWriteResult {
        requireNonNull(status, "status is null");
        requireNonNull(bronzeFilePath, "bronzeFilePath is null");
        requireNonNull(objectKey, "objectKey is null");
        requireNonNull(parquetSchema, "parquetSchema is null");
        requireNonNull(codec, "codec is null");
        requireNonNull(duration, "duration is null");
    }

    public double rowsPerSecond() {
        long nanos = Math.max(1, duration.toNanos());
        return recordsProcessed * 1e9 / nanos;
    }

    /** The result with the seed plan's snake_case keys first, in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status);
        map.put("records_processed", recordsProcessed);
        map.put("bronze_file_path", bronzeFilePath);
        map.put("object_key", objectKey);
        map.put("bytes_written", bytesWritten);
        map.put("codec", codec);
        map.put("row_groups", rowGroups);
        map.put("batches", batches);
        map.put("duration_ms", duration.toMillis());
        map.put("rows_per_second", Math.round(rowsPerSecond()));
        map.put("parquet_schema", parquetSchema);
        return Collections.unmodifiableMap(map);
    }
}
