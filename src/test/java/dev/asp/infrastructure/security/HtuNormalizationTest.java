package dev.asp.infrastructure.security;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** RFC 9449 §4.3 step 9 and RFC 3986 §6: htu compares without query and fragment, normalised. */
class HtuNormalizationTest {
    private static final URI TARGET = URI.create("https://asp.example.com/v1/asp/sessions");

    @Test
    void schemeAndHostCompareCaseInsensitivelyAndDefaultPortsDrop() {
        assertTrue(DpopProofVerifier.sameTarget("HTTPS://ASP.example.com:443/v1/asp/sessions", TARGET));
        assertTrue(DpopProofVerifier.sameTarget("http://localhost:80/x", URI.create("http://localhost/x")));
    }

    @Test
    void queryFragmentPathAndPortMustNotDiffer() {
        assertFalse(DpopProofVerifier.sameTarget("https://asp.example.com/v1/asp/sessions?x=1", TARGET));
        assertFalse(DpopProofVerifier.sameTarget("https://asp.example.com/v1/asp/sessions#f", TARGET));
        assertFalse(DpopProofVerifier.sameTarget("https://asp.example.com/v1/asp/Sessions", TARGET));
        assertFalse(DpopProofVerifier.sameTarget("https://asp.example.com:8443/v1/asp/sessions", TARGET));
        assertFalse(DpopProofVerifier.sameTarget("http://asp.example.com/v1/asp/sessions", TARGET));
        assertFalse(DpopProofVerifier.sameTarget("not a url", TARGET));
    }
}
