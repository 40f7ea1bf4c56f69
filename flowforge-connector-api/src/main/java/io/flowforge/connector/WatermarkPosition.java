package io.flowforge.connector;

import static java.util.Objects.requireNonNull;

/**
 * Where a finished window ended: the watermark value, and whether the rows holding exactly that
 * value were already read ({@code inclusive} upper bound) or not (exclusive). The next window
 * starts after the value in the first case, at it in the second, so rows sharing the boundary
 * value are neither lost nor read twice.
 */
@PublicEvolving
public record WatermarkPosition(Watermark value, boolean valueConsumed) {

    public WatermarkPosition {
        requireNonNull(value, "value is null");
    }
}
