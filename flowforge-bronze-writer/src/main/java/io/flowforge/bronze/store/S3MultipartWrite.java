package io.flowforge.bronze.store;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.UploadPartArgs;
import io.minio.UploadPartResponse;
import io.minio.messages.Part;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object streamed into S3. Bytes fill a part buffer; a full buffer is sent as the next part of
 * a multipart upload while the following one fills, with at most {@code partsInFlight} parts
 * uploading. An object smaller than one part is sent with a single PUT on commit instead. On
 * failure or abort, in-flight parts are awaited and the upload is aborted, so S3 keeps neither the
 * object nor an open upload; an abort that cannot reach the store throws {@link AbortFailedException}
 * naming the upload that stays open.
 */
final class S3MultipartWrite extends AtomicObjectWrite {

    private static final Logger LOG = LoggerFactory.getLogger(S3MultipartWrite.class);

    private record InFlight(int partNumber, byte[] buffer, CompletableFuture<UploadPartResponse> future) {
    }

    private final S3ObjectStore store;
    private final String bucket;
    private final String objectName;
    private final String uri;
    private final int partSize;
    private final int partsInFlight;
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private final Deque<byte[]> freeBuffers = new ArrayDeque<>();
    private final List<Part> parts = new ArrayList<>();

    private byte[] buffer;
    private int filled;
    private long position;
    private String uploadId;
    private int partsSent;
    private boolean committed;
    private boolean aborted;

    S3MultipartWrite(S3ObjectStore store, String objectName, String uri) {
        this.store = store;
        this.bucket = store.config().bucket();
        this.objectName = objectName;
        this.uri = uri;
        this.partSize = store.config().partSize();
        this.partsInFlight = store.config().partsInFlight();
        // Grows up to one part, so a small object (a state file) does not hold a whole part.
        this.buffer = new byte[Math.min(partSize, 64 * 1024)];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == buffer.length) {
            makeRoom();
        }
        buffer[filled++] = (byte) b;
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == buffer.length) {
                makeRoom();
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            position += n;
        }
    }

    private void makeRoom() throws IOException {
        if (buffer.length < partSize) {
            byte[] bigger = new byte[(int) Math.min(partSize, (long) buffer.length * 4)];
            System.arraycopy(buffer, 0, bigger, 0, filled);
            buffer = bigger;
        } else {
            sendPart();
        }
    }

    private void sendPart() throws IOException {
        if (uploadId == null) {
            uploadId = store.await(store.client().createMultipartUpload(CreateMultipartUploadArgs.builder()
                    .bucket(bucket).object(objectName).build()), "create multipart upload", objectName)
                    .result().uploadId();
        }
        int partNumber = parts.size() + inFlight.size() + 1;
        CompletableFuture<UploadPartResponse> future = store.client().uploadPart(UploadPartArgs.builder()
                .bucket(bucket).object(objectName).uploadId(uploadId).partNumber(partNumber)
                .data(buffer, filled).build());
        inFlight.addLast(new InFlight(partNumber, buffer, future));
        partsSent++;
        buffer = freeBuffers.isEmpty() ? new byte[partSize] : freeBuffers.removeFirst();
        filled = 0;
        // Bounded memory: wait for the oldest part once the limit is reached; fail fast on any finished failure.
        while (inFlight.size() > partsInFlight || (!inFlight.isEmpty() && inFlight.peekFirst().future().isDone())) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws IOException {
        InFlight oldest = inFlight.removeFirst();
        UploadPartResponse response = store.await(oldest.future(), "upload of part " + oldest.partNumber(), objectName);
        parts.add(new Part(oldest.partNumber(), response.part().etag()));
        freeBuffers.addLast(oldest.buffer());
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    private void ensureOpen() throws IOException {
        if (committed || aborted) {
            throw new IOException("write to " + uri + " is already " + (committed ? "committed" : "aborted"));
        }
    }

    @Override
    public void commit() throws IOException {
        ensureOpen();
        try {
            if (uploadId == null) {
                store.putObject(objectName, buffer, filled);
            } else {
                if (filled > 0) {
                    sendPart();
                }
                while (!inFlight.isEmpty()) {
                    awaitOldest();
                }
                parts.sort(Comparator.comparingInt(Part::partNumber));
                store.await(store.client().completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                        .bucket(bucket).object(objectName).uploadId(uploadId)
                        .parts(parts.toArray(new Part[0])).build()), "complete multipart upload", objectName);
            }
            committed = true;
            release();
        } catch (IOException | RuntimeException e) {
            try {
                abort();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void abort() throws IOException {
        if (committed || aborted) {
            return;
        }
        aborted = true;
        // Parts still uploading could otherwise land after the abort and keep storage alive.
        for (InFlight part : inFlight) {
            try {
                part.future().join();
            } catch (RuntimeException ignored) {
                // The part failed; the abort below discards the upload either way.
            }
        }
        inFlight.clear();
        release();
        if (uploadId != null) {
            try {
                store.await(store.client().abortMultipartUpload(AbortMultipartUploadArgs.builder()
                        .bucket(bucket).object(objectName).uploadId(uploadId).build()),
                        "abort of multipart upload " + uploadId, objectName);
            } catch (S3ObjectStore.S3OperationException e) {
                OpenUpload open = new OpenUpload(bucket, objectName, uploadId, e.getMessage());
                LOG.warn("Multipart upload {} of {} could not be aborted and stays open ({}). {}", uploadId, uri,
                        e.getMessage(), open.whatToDo());
                throw new AbortFailedException(open, e);
            }
            LOG.info("Aborted multipart upload {} of {} ({} parts sent)", uploadId, uri, partsSent);
        }
    }

    private void release() {
        buffer = new byte[0];
        freeBuffers.clear();
    }
}
