package io.flowforge.connector.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks secrets inside JDBC URLs before they are printed. */
public final class JdbcUrls {

    // key=value pairs separated by ; & or ? whose key names a password or secret, and user:password@ in authorities.
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(?i)((?:password|pwd|passwd|secret|token|accesskey|secretkey)\\s*=\\s*)(\\{[^}]*}|[^;&]*)");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@;?]+:)([^@/]*)(@)");

    private JdbcUrls() {}

    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = SECRET_PAIR.matcher(url);
        String out = m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + io.flowforge.connector.Secret.MASK));
        Matcher u = USER_INFO.matcher(out);
        return u.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + io.flowforge.connector.Secret.MASK + mr.group(3)));
    }
}
