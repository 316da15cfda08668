package dev.asp.bench;

import java.net.URI;

/**
 * A sequence of requests that are sent one after another (never two in flight at once): one
 * session's chain of envelopes, or one lane of DPoP-protected GETs. Everything a request needs is
 * built before the timed window: envelope text, DPoP proof, the agent whose token it carries.
 */
final class Stream {
    final String name;
    final URI uri;
    final String url;
    final String method;
    /** The agent sending request k (its token goes in Authorization). */
    final Agent[] senders;
    /** Pre-signed DPoP proof of request k (null when proofs are signed at send time). */
    final String[] proofs;
    /** Body of request k (UTF-8), or null for a GET. */
    final byte[][] bodies;
    /** Hash of envelope k (messages only): the head after it is accepted. */
    final String[] hashes;
    final int clientIndex;
    /** Envelope id of request k (messages only): what a WebSocket ack names. */
    String[] ids;

    int next;
    int retriesOfNext;
    boolean dead;
    /** Seq of the last accepted envelope (messages) and its hash: for the end-of-run check. */
    long acceptedSeq;
    String acceptedHash;

    Stream(String name, String url, String method, Agent[] senders, String[] proofs, byte[][] bodies, String[] hashes, int clientIndex) {
        this.name = name;
        this.url = url;
        this.uri = URI.create(url);
        this.method = method;
        this.senders = senders;
        this.proofs = proofs;
        this.bodies = bodies;
        this.hashes = hashes;
        this.clientIndex = clientIndex;
    }

    int size() {
        return senders.length;
    }

    boolean hasWork() {
        return !dead && next < size();
    }
}
