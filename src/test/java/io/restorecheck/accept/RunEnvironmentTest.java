package io.restorecheck.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RunEnvironmentTest {
    @Test
    void theTargetUrlLosesUserInfoQueryAndFragment() {
        assertEquals("https://wiki.example.org:8443/w",
                RunEnvironment.withoutSecrets(URI.create("https://bob:s3cret@wiki.example.org:8443/w?token=abc#x")));
        assertEquals("http://127.0.0.1:8080", RunEnvironment.withoutSecrets(URI.create("http://127.0.0.1:8080")));
    }

    @Test
    void aMemcachedThatDoesNotAnswerIsUnknownWithTheReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertTrue(RunEnvironment.memcachedVersion("127.0.0.1:" + port).startsWith("unknown ("));
    }
}
