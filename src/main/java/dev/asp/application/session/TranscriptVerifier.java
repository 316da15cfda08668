package dev.asp.application.session;

import dev.asp.domain.shared.Digests;
import java.util.List;

import dev.asp.domain.session.Envelope;
import dev.asp.infrastructure.crypto.Base64Url;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.persistence.session.MessageRecord;

/**
 * Spec 4.7 verify: re-checks every link, hash and signature of a stored transcript from the
 * stored bytes alone, and names the first message that does not hold.
 */
public final class TranscriptVerifier {
    private TranscriptVerifier() {
    }

    public record Result(boolean valid, int messages, String head, Long brokenSeq, String reason) {
    }

    public static Result verify(List<MessageRecord> transcript) {
        String prevHash = null;
        long expectedSeq = 1;
        for (MessageRecord m : transcript) {
            String broken = check(m, expectedSeq, prevHash);
            if (broken != null) {
                return new Result(false, transcript.size(), prevHash, m.seq(), broken);
            }
            prevHash = m.hash();
            expectedSeq++;
        }
        return new Result(true, transcript.size(), prevHash, null, null);
    }

    private static String check(MessageRecord m, long expectedSeq, String prevHash) {
        if (m.seq() != expectedSeq) {
            return "seq " + m.seq() + " where " + expectedSeq + " was expected (a message is missing)";
        }
        Envelope e;
        try {
            e = Envelope.parse(m.envelope());
        } catch (RuntimeException ex) {
            return "the stored envelope is no longer a valid envelope: " + ex.getMessage();
        }
        if (e.seq() != m.seq()) {
            return "the envelope says seq " + e.seq() + " but is stored as " + m.seq();
        }
        String statedPrev = e.prevHash().orElse(null);
        if (prevHash == null ? statedPrev != null : !prevHash.equals(statedPrev)) {
            return "prevHash does not link to the hash of message " + (m.seq() - 1);
        }
        byte[] bytes = e.signingBytes();
        String computed = Digests.sha256Hex(bytes);
        if (!computed.equals(e.hash()) || !computed.equals(m.hash())) {
            return "hash mismatch: the envelope's content hashes to " + computed;
        }
        try {
            PublicJwk key = PublicJwk.parse(m.signerJwk());
            if (!key.verify(bytes, Base64Url.decode(e.signature()))) {
                return "the signature does not verify with the key " + m.kid() + " that signed it";
            }
        } catch (IllegalArgumentException ex) {
            return "the signature or signing key is unreadable";
        }
        return null;
    }
}
