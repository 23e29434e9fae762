package io.restorecheck.pages;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET as the site answered it (after redirects), or the reason it did not answer.
 *
 * @param status      HTTP status, 0 when there was no answer
 * @param contentType the Content-Type header, "" when absent
 * @param error       why there was no answer (connection refused, timeout...), null when there was one
 */
record Fetched(URI uri, URI finalUri, int status, String contentType, byte[] body, String error, long nanos) {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    static Fetched failed(URI uri, String error, long nanos) {
        return new Fetched(uri, uri, 0, "", new byte[0], error, nanos);
    }

    boolean answered() {
        return error == null;
    }

    /** The answer in a few words: "HTTP 404" or "no answer: connection refused". */
    String outcome() {
        return answered() ? "HTTP " + status : "no answer: " + error;
    }

    /** The charset the Content-Type names, or null to let the HTML say (jsoup reads meta charset). */
    Charset declaredCharset() {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1).toLowerCase(Locale.ROOT));
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The body as text, for the report. */
    String bodyText() {
        Charset cs = declaredCharset();
        return new String(body, cs == null ? StandardCharsets.UTF_8 : cs);
    }
}
