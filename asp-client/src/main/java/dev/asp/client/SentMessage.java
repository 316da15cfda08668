package dev.asp.client;

import jakarta.json.JsonObject;

/**
 * A message the service stored: its place in the chain and the session's state after it.
 *
 * @param created false when the service already held this {@code id} (a resend), which answers the stored message
 * @param reply the whole answer ({@code envelope}, {@code seq}, {@code hash}, {@code kid}, {@code receivedAt}, {@code state}, …)
 */
public record SentMessage(boolean created, long seq, String hash, String state, JsonObject envelope, JsonObject reply) {
    static SentMessage of(int status, JsonObject reply) {
        return new SentMessage(status == 201, reply.getJsonNumber("seq").longValue(), reply.getString("hash"), reply.getString("state", null),
                reply.getJsonObject("envelope"), reply);
    }
}
