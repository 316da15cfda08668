package dev.asp.domain.session;

/** The last message of a transcript; the next one must build on it (spec 4.1). */
public record Head(long seq, String hash) {
}
