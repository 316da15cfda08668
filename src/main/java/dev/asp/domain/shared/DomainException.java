package dev.asp.domain.shared;

import java.util.Map;

/**
 * A refusal the client should read: carries the spec's problem code, a precise detail and
 * optional extension members (e.g. the current head of a stale-head refusal).
 */
public class DomainException extends RuntimeException {
    private final ProblemCode code;
    private final transient Map<String, Object> extensions;

    public DomainException(ProblemCode code, String detail) {
        this(code, detail, Map.of());
    }

    public DomainException(ProblemCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static DomainException malformed(String detail) {
        return new DomainException(ProblemCode.MALFORMED, detail);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ProblemCode.NOT_FOUND, what + " not found");
    }

    public static DomainException protocol(String detail) {
        return new DomainException(ProblemCode.PROTOCOL_VIOLATION, detail);
    }

    public static DomainException notAllowed(String detail) {
        return new DomainException(ProblemCode.NOT_ALLOWED, detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(ProblemCode.CONFLICT, detail);
    }
}
