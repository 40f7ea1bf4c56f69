package io.flowforge.connector.jdbc;

import io.flowforge.connector.Internal;
import io.flowforge.connector.UrlSecrets;

/** Masks secrets inside JDBC URLs before they are printed; the rule itself is {@link UrlSecrets}'. */
@Internal
public final class JdbcUrls {

    private JdbcUrls() {}

    /** The URL (or a text holding URLs) with every secret value masked. */
    public static String mask(String url) {
        return UrlSecrets.mask(url);
    }
}
