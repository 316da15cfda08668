package dev.asp.application.identity;

/** An RFC 6749 §5.2 error at the token endpoint: answered as {"error","error_description"}, not a problem document. */
public class OAuthException extends RuntimeException {
    private final int status;
    private final String error;

    public OAuthException(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
