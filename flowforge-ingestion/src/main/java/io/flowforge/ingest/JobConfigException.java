package io.flowforge.ingest;

import java.util.List;

/** A job file that cannot be used, with every problem found, each naming its key path. */
public final class JobConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public JobConfigException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Each problem as "path: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
