package io.flowforge.bronze;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.parquet.ParquetBatchWriter;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.AbortFailedException;
import io.flowforge.bronze.store.AtomicObjectWrite;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.bronze.store.OpenUpload;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands an {@link ArrowReader}'s batches in the bronze layer: one Snappy Parquet object per batch
 * id at {@code bronze/{bronze table}/{batch_id}.parquet} in an {@link ObjectStore}, with the audit
 * columns appended to every row. The object appears all at once or not at all.
 *
 * <p>Stateless and thread-safe: one instance can serve many writes.
 */
public final class BronzeWriter {
    private static final Logger log = LoggerFactory.getLogger(BronzeWriter.class);

    private final ObjectStore store;
    private final ParquetWriteOptions options;

    public BronzeWriter(ObjectStore store) {
        this(store, ParquetWriteOptions.defaults());
    }

    public BronzeWriter(ObjectStore store, ParquetWriteOptions options) {
        this.store = requireNonNull(store, "store is null");
        this.options = requireNonNull(options, "options is null");
    }

    public ObjectStore store() {
        return store;
    }

    public ParquetWriteOptions options() {
        return options;
    }

    /** The key of a batch's object under the store's root. */
    public static String objectKey(String bronzeTable, String batchId) {
        return "bronze/" + bronzeTable + "/" + batchId + ".parquet";
    }

    /**
     * Reads every batch of {@code reader} into one Parquet object and commits it. The reader is
     * not closed. On any failure — of the reader, the encoder or the store — the object is
     * aborted, so nothing is left at the final key, and a {@link BronzeWriteException} is thrown; if
     * the abort itself failed, its {@link AbortFailedException} (naming the upload left open) is
     * attached as a suppressed exception and the message says so.
     */
    public BronzeWriteResult write(ArrowReader reader, IngestionMetadata metadata) {
        return write(reader, metadata, false);
    }

    /**
     * As {@link #write(ArrowReader, IngestionMetadata)}; with {@code skipIfEmpty}, a reader that
     * yields no rows leaves no object (the write is aborted) and the result's status is
     * {@link BronzeWriteResult#EMPTY}. Incremental runs use it so that "nothing new" writes no file.
     */
    public BronzeWriteResult write(ArrowReader reader, IngestionMetadata metadata, boolean skipIfEmpty) {
        return write(reader, metadata, skipIfEmpty, () -> { });
    }

    /**
     * As {@link #write(ArrowReader, IngestionMetadata, boolean)}, running {@code beforeCommit} just
     * before the object is made visible; if it throws, the object is aborted instead (a run checks
     * there that it still holds its job's lease).
     */
    public BronzeWriteResult write(ArrowReader reader, IngestionMetadata metadata, boolean skipIfEmpty, Runnable beforeCommit) {
        requireNonNull(metadata, "metadata is null");
        return write(objectKey(metadata.bronzeTable(), metadata.batchId()), reader, metadata, skipIfEmpty, beforeCommit);
    }

    /**
     * The folder of a batch written in several parts: {@code bronze/{table}/{batch}/}. Its parts
     * count only once the batch's manifest ({@link #manifestKey}) lists them.
     */
    public static String batchFolder(String bronzeTable, String batchId) {
        return "bronze/" + bronzeTable + "/" + batchId + "/";
    }

    /**
     * The key of one attempt at one part of a multi-part batch:
     * {@code bronze/{table}/{batch}/part-{split, 5 digits}-{attempt}.parquet}. Every attempt writes
     * its own key, so two attempts of one split (a retry racing a slow first try, or Spark's
     * speculation) never write the same object; the commit keeps one and deletes the others.
     */
    public static String partKey(String bronzeTable, String batchId, int split, String attempt) {
        return batchFolder(bronzeTable, batchId) + String.format(java.util.Locale.ROOT, "part-%05d-%s.parquet", split, attempt);
    }

    /** The key of a multi-part batch's manifest, written last: {@code bronze/{table}/{batch}/_manifest.json}. */
    public static String manifestKey(String bronzeTable, String batchId) {
        return batchFolder(bronzeTable, batchId) + "_manifest.json";
    }

    /** As {@link #write(ArrowReader, IngestionMetadata, boolean, Runnable)}, to the object {@code key}. */
    public BronzeWriteResult write(String key, ArrowReader reader, IngestionMetadata metadata, boolean skipIfEmpty,
            Runnable beforeCommit) {
        requireNonNull(key, "key is null");
        requireNonNull(reader, "reader is null");
        requireNonNull(beforeCommit, "beforeCommit is null");
        requireNonNull(metadata, "metadata is null");
        String uri = store.uri(key);
        String what = "bronze table " + metadata.bronzeTable() + " batch " + metadata.batchId() + " (" + uri + ")";
        long start = System.nanoTime();
        long batches = 0;
        ParquetBatchWriter parquet = null;
        try {
            Schema schema = reader.getVectorSchemaRoot().getSchema();
            AuditColumns.checkNoClash(schema, metadata);
            // Fails on an unsupported type before anything is opened in the store.
            ParquetBatchWriter.parquetSchema(schema, AuditColumns.of(metadata));
            try (AtomicObjectWrite out = store.openAtomicWrite(key)) {
                Map<String, String> keyValues = new java.util.LinkedHashMap<>(metadata.properties());
                keyValues.put("flowforge.bronze_table", metadata.bronzeTable());
                keyValues.put("flowforge.batch_id", metadata.batchId());
                keyValues.put("flowforge.source_system", metadata.sourceSystem());
                keyValues.put("flowforge.source_file", metadata.sourceFile());
                parquet = ParquetBatchWriter.open(out, schema, AuditColumns.of(metadata), options, keyValues);
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    parquet.write(root);
                    batches++;
                }
                ParquetMetadata footer = parquet.finish();
                boolean empty = skipIfEmpty && parquet.rows() == 0;
                if (empty) {
                    out.abort();
                } else {
                    beforeCommit.run();
                    out.commit();
                }
                Duration duration = Duration.ofNanos(System.nanoTime() - start);
                BronzeWriteResult result = new BronzeWriteResult(empty ? BronzeWriteResult.EMPTY : BronzeWriteResult.SUCCESS,
                        parquet.rows(),
                        out.position(), uri, key, parquet.schema().toString(), options.codec().name(),
                        footer.getBlocks().size(), batches, duration);
                if (empty) {
                    log.info("no rows for {}: nothing written", uri);
                    return result;
                }
                log.info("wrote {} rows in {} batches to {} ({} bytes, {} row groups, {} ms)", result.recordsProcessed(),
                        batches, uri, result.bytesWritten(), result.rowGroups(), duration.toMillis());
                return result;
            }
        } catch (BronzeWriteException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            long rows = parquet == null ? 0 : parquet.rows();
            StringBuilder open = new StringBuilder();
            for (OpenUpload u : AbortFailedException.openUploadsIn(e)) {
                open.append(". Its multipart upload ").append(u.uploadId()).append(" could not be aborted and stays open"
                        + " until the next run of the job or a bucket lifecycle rule removes it (").append(u.error()).append(')');
            }
            throw new BronzeWriteException("writing " + what + " failed after " + batches + " batches (" + rows
                    + " rows); nothing was left at the final key: " + e.getMessage() + open, e);
        }
    }
}
