package dev.asp.verify;

/** The first thing that did not verify; {@code seq} is the envelope's, or null when none is involved. */
public final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final Long seq;

    public Failure(Long seq, String what) {
        super(what);
        this.seq = seq;
    }

    public Failure(String what) {
        this(null, what);
    }

    public Long seq() {
        return seq;
    }

    @Override
    public String toString() {
        return seq == null ? getMessage() : "seq " + seq + ": " + getMessage();
    }
}
