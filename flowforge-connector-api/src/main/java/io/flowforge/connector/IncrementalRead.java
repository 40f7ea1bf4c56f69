package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.arrow.vector.ipc.ArrowReader;

/** The reader over one incremental window, and the window itself (with the next watermark). */
@PublicEvolving
public record IncrementalRead(IncrementalWindow window, ArrowReader reader) implements AutoCloseable {

    public IncrementalRead {
        requireNonNull(window, "window is null");
        requireNonNull(reader, "reader is null");
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
