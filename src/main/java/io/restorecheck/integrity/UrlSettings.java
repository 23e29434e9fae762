package io.restorecheck.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The connection settings of {@code database.url} that shape what a session sees ({@code currentSchema},
 * {@code options=-c search_path=...}, ...), carried over to the reference so that both sides resolve table
 * names alike. Host, port, database and credentials are the reference's own; TLS and authentication settings
 * do not apply to a throwaway server that trusts 127.0.0.1 without TLS.
 */
final class UrlSettings {
    private static final Set<String> NOT_CARRIED = Set.of("user", "password", "passfile", "ssl", "sslmode",
            "sslcert", "sslkey", "sslrootcert", "sslpassword", "sslpasswordcallback", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslnegotiation", "sslresponsetimeout", "gssencmode", "gsslib",
            "kerberosservername", "jaasapplicationname", "jaaslogin", "usespnego", "sspiservicename",
            "channelbinding", "authenticationpluginclassname", "targetservertype", "loadbalancehosts",
            "hostrecheckseconds", "readonly", "readonlymode", "pghost", "pgport", "pgdbname");

    private UrlSettings() {
    }

    /** {@code referenceUrl} plus the carried-over query parameters of {@code siteUrl}, in their order. */
    static String carriedOver(String referenceUrl, String siteUrl) {
        int q = siteUrl.indexOf('?');
        if (q < 0) {
            return referenceUrl;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : siteUrl.substring(q + 1).split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!key.isEmpty() && !NOT_CARRIED.contains(key.toLowerCase(Locale.ROOT))) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? referenceUrl
                : referenceUrl + (referenceUrl.contains("?") ? "&" : "?") + String.join("&", kept);
    }
}
