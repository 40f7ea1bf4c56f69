package io.flowforge.connector.arrow;

import io.flowforge.connector.PublicEvolving;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The one owner of how a UUID travels in Arrow: a {@code FixedSizeBinary(16)} field (RFC 4122 byte
 * order) whose metadata names Arrow's canonical extension {@code arrow.uuid}. Connectors tag their
 * UUID fields with {@link #FIELD_METADATA}; the bronze writer, the server and the examples
 * recognise them with {@link #isUuid}.
 */
@PublicEvolving
public final class ArrowUuid {

    /** Arrow's canonical extension name for UUIDs stored as 16 bytes. */
    public static final String EXTENSION_NAME = "arrow.uuid";
    /** Field metadata key holding an extension type's name. */
    public static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
    /** Field metadata key holding an extension type's serialized parameters (empty for arrow.uuid). */
    public static final String EXTENSION_METADATA_KEY = "ARROW:extension:metadata";
    /** The metadata entries that mark a field as a UUID. */
    public static final Map<String, String> FIELD_METADATA = Map.of(EXTENSION_NAME_KEY, EXTENSION_NAME,
            EXTENSION_METADATA_KEY, "");

    private ArrowUuid() {}

    /** Whether the field's metadata names the {@code arrow.uuid} extension. */
    public static boolean isUuid(Field field) {
        return EXTENSION_NAME.equals(field.getMetadata().get(EXTENSION_NAME_KEY));
    }
}
