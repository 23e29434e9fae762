package io.restorecheck.demo.wiki;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Maps between a page's display title ("Main Page"), its stored name ("main page"),
 * its URL path ("/Main_Page") and its memcached key.
 */
final class Titles {
    /** memcached's text protocol limit for a key, in bytes. */
    static final int MAX_KEY_BYTES = 250;
    static final String PAGE_KEY_PREFIX = "wiki:page:";
    static final String RECENT_CHANGES_KEY = "wiki:recent";

    private Titles() {
    }

    /** The display title with runs of whitespace and underscores collapsed to one space. */
    static String normalize(String title) {
        return title.replace('_', ' ').strip().replaceAll("\\s+", " ");
    }

    /** The stored, lower-cased name: the primary key of curPages. */
    static String name(String title) {
        return normalize(title).toLowerCase(Locale.ROOT);
    }

    /** "/Cedar_Street_17" for "Cedar Street 17"; non-URL-safe bytes are percent-encoded. */
    static String path(String title) {
        byte[] bytes = normalize(title).replace(' ', '_').getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 1).append('/');
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "_-.~:(),'!*@/".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The title a raw (still encoded) request path names, e.g. "/Cedar_Street_17" or
     * "/Caf%C3%A9". A '+' in a path is a literal plus, not a space.
     */
    static String fromPath(String rawPath) {
        String encoded = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String decoded = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        return normalize(decoded);
    }

    /**
     * The memcached key of a page's rendered HTML. Names that are not plain printable ASCII
     * without spaces, or that would exceed the key limit, are hashed: memcached rejects
     * such keys.
     */
    static String cacheKey(String title) {
        String name = name(title).replace(' ', '_');
        String key = PAGE_KEY_PREFIX + name;
        if (key.length() <= MAX_KEY_BYTES && name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return key;
        }
        return PAGE_KEY_PREFIX + "sha256:" + sha256Hex(name);
    }

    /** The revision marker the data generator writes, e.g. "rc:cedar_street_17:r3". */
    static String marker(String title, int revision) {
        return "rc:" + name(title).replaceAll("[^\\p{Alnum}]+", "_") + ":r" + revision;
    }

    private static String sha256Hex(String s) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
