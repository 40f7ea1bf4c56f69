package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;

/**
 * A reader whose blocking read can be stopped from another thread (for JDBC, {@code
 * Statement.cancel()}), so that the ingestion module's {@code PrefetchingArrowReader.close()} never waits for a slow
 * source to deliver its next batch.
 */
@PublicEvolving
public interface CancellableReader {

    /**
     * Asks the source to abandon its current and future reads. Safe to call from any thread and
     * more than once; the reading thread then fails or ends, and the reader still has to be closed.
     */
    void cancel();
}
