package io.flowforge.bronze.parquet;

import static java.util.Objects.requireNonNull;

import io.flowforge.bronze.store.AtomicObjectWrite;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Lets parquet-java write into an object store's atomic write. Closing the stream (which Parquet
 * does after the footer) only flushes: the caller decides whether to commit or abort.
 */
final class StoreOutputFile implements OutputFile {
    private final AtomicObjectWrite target;

    StoreOutputFile(AtomicObjectWrite target) {
        this.target = requireNonNull(target, "target is null");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return target.position();
            }

            @Override
            public void write(int b) throws IOException {
                target.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                target.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }

            @Override
            public void close() throws IOException {
                target.flush();
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return target.uri();
    }
}
