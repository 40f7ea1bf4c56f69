package io.flowforge.bronze.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An aborted write whose clean-up did not reach the store: its multipart upload is still open.
 * Carries the {@link OpenUpload}, so callers can report it as data (a result's
 * {@code open_uploads}) and not only as a message; it is usually attached as a suppressed exception
 * to the failure that caused the abort, which {@link #openUploadsIn(Throwable)} finds.
 */
public final class AbortFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient OpenUpload upload;

    public AbortFailedException(OpenUpload upload, Throwable cause) {
        super(requireNonNull(upload, "upload is null").error() + "; the upload stays open", cause);
        this.upload = upload;
    }

    public OpenUpload upload() {
        return upload;
    }

    /** Every open upload reported anywhere in {@code failure}: itself, its causes and suppressed exceptions. */
    public static List<OpenUpload> openUploadsIn(Throwable failure) {
        List<OpenUpload> found = new ArrayList<>();
        collect(failure, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return List.copyOf(found);
    }

    private static void collect(Throwable t, List<OpenUpload> found, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof AbortFailedException a && !found.contains(a.upload())) {
            found.add(a.upload());
        }
        collect(t.getCause(), found, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, found, seen);
        }
    }
}
