package dev.asp.domain.shared;

/** The problem codes of spec section 10, each with the HTTP status it is answered with. */
public enum ProblemCode {
    MALFORMED("malformed", 400, "Malformed request"),
    INVALID_SIGNATURE("invalid-signature", 422, "Invalid signature"),
    HASH_MISMATCH("hash-mismatch", 422, "Hash mismatch"),
    STALE_HEAD("stale-head", 409, "Stale head"),
    PROTOCOL_VIOLATION("protocol-violation", 422, "Protocol violation"),
    NOT_ALLOWED("not-allowed", 403, "Not allowed"),
    BUDGET_EXHAUSTED("budget-exhausted", 422, "Token budget exhausted"),
    TRUST_CEILING("trust-ceiling", 403, "Above the trust ceiling"),
    SESSION_QUOTA("session-quota", 429, "Session quota reached"),
    INSUFFICIENT_FUNDS("insufficient-funds", 422, "Insufficient funds"),
    ENDORSER_UNTRUSTED("endorser-untrusted", 422, "Endorser not trusted enough"),
    INVALID_DPOP_PROOF("invalid_dpop_proof", 401, "Invalid DPoP proof"),
    INVALID_TOKEN("invalid_token", 401, "Invalid token"),
    USE_DPOP_NONCE("use_dpop_nonce", 401, "DPoP nonce required"),
    UNAUTHORIZED("unauthorized", 401, "Authentication required"),
    NOT_FOUND("not-found", 404, "Not found"),
    CONFLICT("conflict", 409, "Conflict"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    REQUEST_TIMEOUT("request-timeout", 408, "Request timeout"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    INTERNAL("internal", 500, "Internal error");

    private final String code;
    private final int status;
    private final String title;

    ProblemCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /**
     * The code for a status nobody gave a code: the container's own refusals (unknown path, wrong
     * method, an undecodable URI) and anything else the application did not answer itself.
     */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED;
            case 401 -> UNAUTHORIZED;
            case 403 -> NOT_ALLOWED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED;
        };
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String type() {
        return "https://asp.dev/problems/" + code;
    }
}
