package io.flowforge.connector;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what is secret in a connection: which option names hold secrets
 * ({@link #isSecretKey}), the secret values inside a JDBC URL in every form drivers accept
 * ({@link #values}), and a URL (or any text holding one) with those values masked ({@link #mask}).
 *
 * <p>URL forms: {@code key=value} pairs after {@code ?}, {@code &}, {@code ;}, {@code :} or in
 * {@code (key=value)} groups (PostgreSQL, MariaDB/MySQL, DB2, MariaDB's {@code address=(...)});
 * SQL Server's braced values {@code password={a;b}}c}} (a doubled {@code }} is a literal
 * brace); user info {@code //user:password@host} (MariaDB/MySQL, many others); Oracle's
 * {@code jdbc:oracle:thin:user/password@...}. Drivers echo fragments of the URL in their errors
 * (MariaDB: "Incorrect port value : Secret@127.0.0.1"), so a redactor must know the values
 * themselves, not only where they stand.
 */
@Internal
public final class UrlSecrets {

    // A key=value pair's key; the value's extent is found by valueEnd.
    private static final Pattern KEY = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*=\\s*");
    private static final Pattern ORACLE_USER = Pattern.compile("(?i)jdbc:oracle:[a-z0-9]+:[^/@\\s:]+/");

    private UrlSecrets() {}

    /** Whether an option or URL parameter of this name holds a secret (password, key, token, ...). */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("passwd") || k.contains("pwd") || k.equals("pass")
                || k.contains("secret") || k.contains("token") || k.contains("credential") || k.endsWith("key");
    }

    /**
     * The secret values found in a URL, longest first, each also percent-decoded when that differs
     * (drivers decode URL parameters before echoing them). Empty for {@code null}.
     */
    public static List<String> values(String url) {
        Set<String> out = new LinkedHashSet<>();
        if (url != null) {
            for (int[] span : spans(url)) {
                String v = url.substring(span[0], span[1]);
                add(out, v);
                if (v.length() > 1 && v.startsWith("{") && v.endsWith("}")) {
                    add(out, v.substring(1, v.length() - 1).replace("}}", "}"));
                }
            }
        }
        return longestFirst(out);
    }

    /**
     * A text with the secrets of {@code url} masked: each value wherever it appears, and each
     * piece of a value between URL delimiters ({@code : @ /}) where it stands as a word of its
     * own, because a driver that misreads the URL echoes pieces of it (MariaDB reads
     * {@code //user:Se:cret@db} as host {@code user}, port {@code Se} and says "Incorrect port
     * value : Se"). A piece inside a longer word is left alone, so short pieces do not eat the
     * message.
     */
    public static String redact(String text, String url) {
        if (text == null || url == null) {
            return text;
        }
        List<String> values = values(url);
        String out = text;
        for (String v : values) {
            out = out.replace(v, Secret.MASK);
        }
        Set<String> pieces = new LinkedHashSet<>();
        for (String v : values) {
            for (String piece : v.split("[:@/]")) {
                if (!piece.isEmpty() && piece.length() < v.length()) {
                    pieces.add(piece);
                }
            }
        }
        for (String piece : longestFirst(pieces)) {
            out = replaceWord(out, piece);
        }
        return out;
    }

    private static List<String> longestFirst(Set<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    // Replaces occurrences of piece that no letter or digit touches on either side.
    private static String replaceWord(String text, String piece) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        int i;
        while ((i = text.indexOf(piece, at)) >= 0) {
            int end = i + piece.length();
            boolean word = (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            out.append(text, at, i).append(word ? Secret.MASK : piece);
            at = end;
        }
        return out.append(text, at, text.length()).toString();
    }

    private static void add(Set<String> out, String v) {
        if (v.isEmpty()) {
            return;
        }
        out.add(v);
        try {
            String decoded = URLDecoder.decode(v, StandardCharsets.UTF_8);
            if (!decoded.isEmpty()) {
                out.add(decoded);
            }
        } catch (IllegalArgumentException notEncoded) {
            // A '%' that starts no escape: the value is used as it is.
        }
    }

    /** The text with every secret value of every URL form in it replaced by {@link Secret#MASK}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        List<int[]> spans = spans(text);
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int[] s : spans) {
            if (s[0] < at) {
                continue; // inside a span already masked
            }
            out.append(text, at, s[0]).append(Secret.MASK);
            at = s[1];
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Start and end of every secret value in the text. */
    private static List<int[]> spans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            if (isSecretKey(m.group(1))) {
                int end = valueEnd(text, m.end());
                if (end > m.end()) {
                    spans.add(new int[] {m.end(), end});
                }
            }
        }
        userInfoPasswords(text, spans);
        Matcher o = ORACLE_USER.matcher(text);
        while (o.find()) {
            int at = text.indexOf('@', o.end());
            if (at > o.end() && text.substring(o.end(), at).chars().noneMatch(Character::isWhitespace)) {
                spans.add(new int[] {o.end(), at});
            }
        }
        return spans;
    }

    /** The end of a value starting at {@code start}: braced, quoted, or up to {@code ; & )} or the end. */
    private static int valueEnd(String text, int start) {
        if (start >= text.length()) {
            return start;
        }
        char first = text.charAt(start);
        if (first == '{') {
            for (int i = start + 1; i < text.length(); i++) {
                if (text.charAt(i) == '}') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '}') {
                        i++; // "}}" is a literal brace inside the value
                    } else {
                        return i + 1;
                    }
                }
            }
            return text.length();
        }
        if (first == '"' || first == '\'') {
            int close = text.indexOf(first, start + 1);
            return close < 0 ? text.length() : close + 1;
        }
        int i = start;
        while (i < text.length() && ";&)".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /**
     * {@code //user:password@host}: the password runs from the first ':' after the user to the
     * last '@' before the parameters (a password may hold '/' or '@'; a host never holds '@', so
     * a path holding one is masked with it rather than a password left half shown).
     */
    private static void userInfoPasswords(String text, List<int[]> spans) {
        int from = 0;
        while (true) {
            int slashes = text.indexOf("//", from);
            if (slashes < 0) {
                return;
            }
            int userStart = slashes + 2;
            from = userStart;
            int colon = -1;
            for (int i = userStart; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == ':') {
                    colon = i;
                    break;
                }
                if (ch == '/' || ch == '@' || ch == '?' || ch == ';' || Character.isWhitespace(ch)) {
                    break;
                }
            }
            if (colon <= userStart) {
                continue;
            }
            int lastAt = -1;
            for (int i = colon + 1; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch) || ch == '?' || ch == ';') {
                    break;
                }
                if (ch == '@') {
                    lastAt = i;
                }
            }
            if (lastAt > colon + 1) {
                spans.add(new int[] {colon + 1, lastAt});
                from = lastAt;
            }
        }
    }
}
