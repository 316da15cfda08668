package dev.asp.domain.trust;

import java.time.Instant;

/** One stored change of an agent's trust: its place in the agent's order, when, and what happened. */
public record TrustEvent(long seq, Instant at, TrustFact fact) {
}
