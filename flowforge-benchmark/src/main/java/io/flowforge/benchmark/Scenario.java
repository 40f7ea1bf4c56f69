package io.flowforge.benchmark;

import io.flowforge.bronze.BronzeWriteResult;
import io.flowforge.bronze.BronzeWriter;
import io.flowforge.bronze.IngestionMetadata;
import io.flowforge.bronze.parquet.ParquetWriteOptions;
import io.flowforge.bronze.store.LocalObjectStore;
import io.flowforge.bronze.store.ObjectStore;
import io.flowforge.connector.Connectors;
import io.flowforge.connector.DatabaseConnector;
import io.flowforge.connector.ReadOptions;
import io.flowforge.connector.TableSplit;
import io.flowforge.ingest.PrefetchingArrowReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;


/** One way of reading the customers table, timed on its own in a child JVM. */
enum Scenario {
    /** Plain JDBC: every column with its typed getter, values discarded. The speed any JDBC reader is bounded by. */
    DRIVER_FLOOR("driver floor (plain JDBC)") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            try (Connection c = target.connect(); PreparedStatement ps = streaming(c, target, "SELECT * FROM " + target.table());
                    ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                int[] types = new int[n + 1];
                for (int i = 1; i <= n; i++) {
                    types[i] = md.getColumnType(i);
                }
                long rows = 0;
                long payload = 0;
                long sink = 0;
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= n; i++) {
                        switch (types[i]) {
                            case Types.INTEGER -> { sink += rs.getInt(i); payload += rs.wasNull() ? 0 : 4; }
                            case Types.VARCHAR, Types.CHAR, Types.NVARCHAR -> {
                                String s = rs.getString(i);
                                payload += s == null ? 0 : s.length();
                            }
                            case Types.DATE -> { Date d = rs.getDate(i); payload += d == null ? 0 : 4; }
                            case Types.DECIMAL, Types.NUMERIC -> {
                                BigDecimal b = rs.getBigDecimal(i);
                                payload += b == null ? 0 : 16;
                            }
                            case Types.BOOLEAN, Types.BIT, Types.TINYINT -> {
                                sink += rs.getBoolean(i) ? 1 : 0;
                                payload += rs.wasNull() ? 0 : 1;
                            }
                            case Types.TIMESTAMP -> { Timestamp t = rs.getTimestamp(i); payload += t == null ? 0 : 8; }
                            default -> { Object o = rs.getObject(i); payload += o == null ? 0 : 8; }
                        }
                    }
                }
                return new Measurement(rows + (sink == Long.MIN_VALUE ? 1 : 0), payload, 0);
            }
        }
    },
    /** arrow-jdbc's JdbcToArrow with its default configuration (1024-row batches, UTC calendar). */
    ARROW_JDBC("arrow-jdbc default (read only)") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            try (BufferAllocator allocator = new RootAllocator(); Connection c = target.connect();
                    PreparedStatement ps = streaming(c, target, "SELECT * FROM " + target.table());
                    ResultSet rs = ps.executeQuery();
                    ArrowVectorIterator it = JdbcToArrow.sqlToArrowVectorIterator(rs, allocator)) {
                long rows = 0;
                while (it.hasNext()) {
                    try (VectorSchemaRoot root = it.next()) {
                        rows += root.getRowCount();
                    }
                }
                return new Measurement(rows, 0, 0);
            }
        }
    },
    /** FlowForge's connector, batches drained without writing. */
    FLOWFORGE_READ("FlowForge read only") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            try (BufferAllocator allocator = new RootAllocator(); DatabaseConnector db = open(target);
                    ArrowReader reader = db.readTable(target.tableId(), options(target), allocator)) {
                long rows = 0;
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
                return new Measurement(rows, 0, 0);
            }
        }
    },
    /** FlowForge read only, the table cut into 2 key ranges read by 2 threads (planSplits / readSplit). */
    FLOWFORGE_READ_PARALLEL_2("FlowForge read only, 2 split readers") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            return parallelRead(target, 2);
        }
    },
    /** As FLOWFORGE_READ_PARALLEL_2 with 4 key ranges and 4 threads. */
    FLOWFORGE_READ_PARALLEL_4("FlowForge read only, 4 split readers") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            return parallelRead(target, 4);
        }
    },
    /** Source to Snappy Parquet in a local folder, reading and encoding on one thread. */
    FLOWFORGE_LOCAL("FlowForge -> local Parquet") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            return endToEnd(target, new LocalObjectStore(work.resolve("store")), false);
        }
    },
    /** Source to Snappy Parquet in an S3 bucket served by S3Proxy in this process. */
    FLOWFORGE_S3("FlowForge -> S3 (S3Proxy)") {
        @Override
        AutoCloseable fixture(Path work) throws Exception {
            return InProcessS3.start(work.resolve("s3"));
        }

        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            throw new UnsupportedOperationException("needs the S3 server");
        }

        @Override
        Measurement run(BenchTarget target, Path work, AutoCloseable s3) throws Exception {
            return endToEnd(target, ((InProcessS3) s3).store(), false);
        }
    },
    /** As FLOWFORGE_LOCAL, with the source read ahead on its own thread (PrefetchingArrowReader). */
    FLOWFORGE_LOCAL_PIPELINED("FlowForge -> local, pipelined") {
        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            return endToEnd(target, new LocalObjectStore(work.resolve("store")), true);
        }
    },
    /** As FLOWFORGE_S3, with the source read ahead on its own thread. */
    FLOWFORGE_S3_PIPELINED("FlowForge -> S3, pipelined") {
        @Override
        AutoCloseable fixture(Path work) throws Exception {
            return InProcessS3.start(work.resolve("s3"));
        }

        @Override
        Measurement run(BenchTarget target, Path work) throws Exception {
            throw new UnsupportedOperationException("needs the S3 server");
        }

        @Override
        Measurement run(BenchTarget target, Path work, AutoCloseable s3) throws Exception {
            return endToEnd(target, ((InProcessS3) s3).store(), true);
        }
    };

    private final String label;

    Scenario(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract Measurement run(BenchTarget target, Path work) throws Exception;

    /**
     * What the scenario needs running before the clock starts (the in-process S3 server: its
     * start-up, class loading and first request are not FlowForge's cost; its request handling
     * during the run is, since it shares the process); null if nothing.
     */
    AutoCloseable fixture(Path work) throws Exception {
        return null;
    }

    /** Runs with the fixture started by {@link #fixture(Path)}. */
    Measurement run(BenchTarget target, Path work, AutoCloseable fixture) throws Exception {
        return run(target, work);
    }

    /** What one run read and wrote. */
    record Measurement(long rows, long payloadBytes, long writtenBytes) {}

    static PreparedStatement streaming(Connection c, BenchTarget target, String sql) throws Exception {
        // The same streaming setup FlowForge's JDBC dialect uses: a transaction (PostgreSQL
        // streams only inside one), forward-only, read-only, a fetch size of one batch.
        c.setAutoCommit(false);
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(Math.min(target.batchSize(), 10_000));
        return ps;
    }

    /** Plans {@code n} splits by the primary key and drains them on {@code n} threads, one connector each. */
    static Measurement parallelRead(BenchTarget target, int n) throws Exception {
        List<TableSplit> splits;
        try (DatabaseConnector db = open(target)) {
            splits = db.planSplits(target.tableId(), Optional.empty(), n);
        }
        ExecutorService pool = Executors.newFixedThreadPool(splits.size());
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Future<Long>> parts = new ArrayList<>();
            for (TableSplit split : splits) {
                parts.add(pool.submit(() -> {
                    try (DatabaseConnector db = open(target);
                            ArrowReader reader = db.readSplit(split, options(target), allocator)) {
                        long rows = 0;
                        while (reader.loadNextBatch()) {
                            rows += reader.getVectorSchemaRoot().getRowCount();
                        }
                        return rows;
                    }
                }));
            }
            long rows = 0;
            for (Future<Long> f : parts) {
                rows += f.get();
            }
            return new Measurement(rows, 0, 0);
        } finally {
            pool.shutdownNow();
        }
    }

    static DatabaseConnector open(BenchTarget target) {
        return Connectors.open(target.connector(), target.connectionConfig());
    }

    static ReadOptions options(BenchTarget target) {
        return ReadOptions.defaults().withBatchSize(target.batchSize());
    }

    static Measurement endToEnd(BenchTarget target, ObjectStore store, boolean pipelined) throws Exception {
        try (BufferAllocator allocator = new RootAllocator(); DatabaseConnector db = open(target);
                ArrowReader direct = db.readTable(target.tableId(), options(target), allocator);
                ArrowReader reader = pipelined
                        ? PrefetchingArrowReader.start(direct, allocator, PrefetchingArrowReader.DEFAULT_DEPTH, target.table())
                        : direct) {
            IngestionMetadata meta = IngestionMetadata.of("bench_customers", "run_" + System.nanoTime(),
                    target.database().name().toLowerCase(java.util.Locale.ROOT), target.table(), Instant.now());
            // -Dflowforge.bench.dictionary=false measures the writer without dictionary encoding.
            // -Dflowforge.bench.rowGroupBytes=N measures another row-group size (the bound on the writer's heap).
            ParquetWriteOptions parquet = ParquetWriteOptions.defaults()
                    .withDictionary(Boolean.parseBoolean(System.getProperty("flowforge.bench.dictionary", "true")))
                    .withRowGroupBytes(Long.getLong("flowforge.bench.rowGroupBytes", ParquetWriteOptions.DEFAULT_ROW_GROUP_BYTES));
            BronzeWriteResult result = new BronzeWriter(store, parquet).write(reader, meta);
            return new Measurement(result.recordsProcessed(), 0, result.bytesWritten());
        }
    }

    static Path tempDir() throws Exception {
        return Files.createTempDirectory("flowforge-bench-");
    }
}
