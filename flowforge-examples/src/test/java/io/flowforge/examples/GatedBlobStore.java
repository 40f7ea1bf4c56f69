package io.flowforge.examples;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3Proxy's blob store with one gate: the first request of a chosen kind is held inside the server
 * until the test opens the gate, so a test can signal the client at a known point of its upload
 * (taking the lease, creating the upload, sending part n, completing it).
 */
final class GatedBlobStore extends ForwardingBlobStore {

    private volatile String point;
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch open = new CountDownLatch(1);

    GatedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** Holds the next request at {@code point}: {@code lease}, {@code create}, {@code part:N} or {@code complete}. */
    void closeAt(String point) {
        this.reached = new CountDownLatch(1);
        this.open = new CountDownLatch(1);
        this.point = point;
    }

    /** Waits until a request is held at the gate. */
    void awaitReached() throws InterruptedException {
        if (!reached.await(120, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached the gate at " + point + " within 120 s");
        }
    }

    /** Lets the held request (and every later one) through. */
    void open() {
        point = null;
        open.countDown();
    }

    private void pass(String here) {
        if (here.equals(point)) {
            point = null;
            reached.countDown();
            try {
                open.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        if (request.key().contains("_flowforge/leases/")) {
            pass("lease");
        }
        return super.putBlob(request, input);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        pass("create");
        return super.initiateMultipartUpload(request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream input) {
        pass("part:" + request.partNumber());
        return super.uploadMultipartPart(upload, request, input);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        pass("complete");
        return super.completeMultipartUpload(upload, request);
    }
}
