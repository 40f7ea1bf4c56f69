package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A reader that counts the values it changed by a documented {@link LossyConversion} (for example
 * 100 ns digits truncated to microseconds), so that no such change is silent: the counts go into
 * the ingestion result, and the reader logs them (WARN, naming table, column and count) when it is
 * closed. The readers that {@code readTable}, {@code readQuery} and {@code readWindow} return
 * implement it, and the ingestion module's {@code PrefetchingArrowReader} forwards its source's.
 */
@PublicEvolving
public interface ConversionReport {

    /**
     * The counts so far: one per column and conversion that changed at least one value, in column
     * order. Complete once the reader has returned its last batch; safe to call from any thread,
     * also after the reader is closed.
     */
    List<ConversionCount> conversions();

    /** The counts of any reader: {@link #conversions()} if it reports them, otherwise none. */
    static List<ConversionCount> of(ArrowReader reader) {
        return reader instanceof ConversionReport r ? r.conversions() : List.of();
    }
}
