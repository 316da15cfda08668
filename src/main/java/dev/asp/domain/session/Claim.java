package dev.asp.domain.session;

/** A FULFILL seen in the transcript, kept so a REJECT can answer it (spec 5: a creditor disputes delivery). */
public record Claim(long seq, String by, String commitment) {
}
