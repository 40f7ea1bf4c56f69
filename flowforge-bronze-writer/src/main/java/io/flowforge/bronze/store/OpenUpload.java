package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

/**
 * A multipart upload that a write started and could not abort (the store was unreachable): S3 keeps
 * its parts, and bills them, until someone aborts it. Says which upload it is and what removes it.
 *
 * @param bucket the bucket
 * @param objectName the upload's key in the bucket (with the store's root prefix)
 * @param uploadId the S3 upload id
 * @param error why the abort failed: the store's error, naming the operation, upload and endpoint
 */
public record OpenUpload(String bucket, String objectName, String uploadId, String error) {

    public OpenUpload {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(objectName, "objectName is null");
        requireNonNull(uploadId, "uploadId is null");
        requireNonNull(error, "error is null");
    }

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + objectName;
    }

    /** What removes the upload: the next run of the job, a manual abort, or a bucket lifecycle rule. */
    public String whatToDo() {
        return "The next run of this job aborts it (a run aborts the uploads under its table's prefix that started"
                + " before it took the job's lease). To remove it now: aws s3api abort-multipart-upload --bucket "
                + bucket + " --key " + objectName + " --upload-id " + uploadId + ". As a second line of defence,"
                + " give the bucket a lifecycle rule AbortIncompleteMultipartUpload (e.g. DaysAfterInitiation 1).";
    }

    @Override
    public String toString() {
        return "multipart upload " + uploadId + " of " + uri();
    }
}
