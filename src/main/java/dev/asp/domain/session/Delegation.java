package dev.asp.domain.session;

import jakarta.json.JsonValue;

/** Spec 4.3 DELEGATE: {@code agent} invited at {@code seq} by {@code by}; it may read until it answers. */
public record Delegation(long seq, String agent, String by, JsonValue scope) {
}
