package io.restorecheck.siteinit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polite GETs for the survey: one at a time, a timeout, a user agent that says who asks. */
final class Http {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One fetched URL: where it ended after redirects, status, headers, body, and how long it took. */
    record Got(URI uri, int status, HttpHeaders headers, String body, long elapsedNanos) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private int requests;

    Got get(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "restorecheck-init")
                .GET().build();
        long t0 = System.nanoTime();
        try {
            requests++;
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Got(r.uri(), r.statusCode(), r.headers(), r.body(), System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    /** How many requests this client sent: memcached's get counters are compared with it. */
    int requests() {
        return requests;
    }
}
