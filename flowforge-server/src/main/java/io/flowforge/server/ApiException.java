package io.flowforge.server;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request that cannot be served, as the API reports it: an HTTP status, a stable machine code
 * ({@code invalid_request}, {@code source_not_found}...), a message for a person and, for
 * validation failures, every problem by its key path.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final List<String> problems;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<String> problems) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.code = requireNonNull(code, "code is null");
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> problems() {
        return problems;
    }

    static ApiException invalid(String message, List<String> problems) {
        return new ApiException(400, "invalid_request", message, problems);
    }

    static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
