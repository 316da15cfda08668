package dev.asp.interfaces.rest.auth;

import dev.asp.infrastructure.crypto.PublicJwk;

/** The HTTP authentication schemes of spec 1.1 and 2.3, with the challenge each puts on a 401. */
public enum CredentialScheme {
    /** Agents: RFC 9449 §7.1 names the proof algorithms the server accepts. */
    DPOP("DPoP", "DPoP algs=\"" + String.join(" ", PublicJwk.ALGORITHMS) + "\""),
    /** The operator token and the org's admin and auditor keys (RFC 6750 §3). */
    BEARER("Bearer", "Bearer realm=\"asp\"");

    private final String scheme;
    private final String challenge;

    CredentialScheme(String scheme, String challenge) {
        this.scheme = scheme;
        this.challenge = challenge;
    }

    /** The challenge without error attributes: what a request without (usable) credentials is told. */
    public String challenge() {
        return challenge;
    }

    /** Whether a WWW-Authenticate value challenges with this scheme (auth-scheme names are case-insensitive, RFC 9110 §11.1). */
    boolean challengedBy(String headerValue) {
        return headerValue.regionMatches(true, 0, scheme, 0, scheme.length())
                && (headerValue.length() == scheme.length() || headerValue.charAt(scheme.length()) == ' ');
    }
}
