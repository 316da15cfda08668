package dev.asp.infrastructure.security;

/** A refused DPoP proof or access token, with the RFC 9449 / RFC 6750 error code to answer with. */
public class DpopException extends RuntimeException {
    private final String error;

    public DpopException(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    /** {@code invalid_dpop_proof}, {@code invalid_token} or {@code use_dpop_nonce}. */
    public String error() {
        return error;
    }

    public static DpopException proof(String description) {
        return new DpopException("invalid_dpop_proof", description);
    }

    public static DpopException token(String description) {
        return new DpopException("invalid_token", description);
    }
}
