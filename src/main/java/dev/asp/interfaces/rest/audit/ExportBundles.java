package dev.asp.interfaces.rest.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import dev.asp.application.audit.SessionAudit;
import dev.asp.domain.shared.Jsonp;
import dev.asp.infrastructure.crypto.ServiceKeyRing;
import dev.asp.interfaces.rest.commitment.CommitmentViews;
import dev.asp.interfaces.rest.dispute.DisputeViews;
import dev.asp.interfaces.rest.identity.IdentityViews;
import dev.asp.interfaces.rest.session.SessionViews;
import dev.asp.interfaces.rest.trust.TrustViews;

/**
 * Spec 8's signed bundle: the JSON of a session export, as a compact JWS (EdDSA) by the service's
 * current key, whose {@code kid} the JWKS publishes. Each envelope travels exactly as stored, beside
 * the public key that signed it, so a verifier needs nothing but the bundle and the JWKS.
 */
@ApplicationScoped
public class ExportBundles {
    public static final String MEDIA_TYPE = "application/jose";

    @Inject
    ServiceKeyRing keys;

    public String signedSession(SessionAudit.Contents c, Instant exportedAt) {
        return keys.current().signJws(sessionBundle(c, exportedAt), null);
    }

    /** A compact JWS over any JSON payload (the org export's manifest). */
    public String sign(String json) {
        return keys.current().signJws(json, null);
    }

    static String sessionBundle(SessionAudit.Contents c, Instant exportedAt) {
        JsonArray commitments = CommitmentViews.list(c.commitments());
        JsonArrayBuilder envelopes = Jsonp.array();
        c.envelopes().forEach(m -> envelopes.add(Jsonp.object().add("envelope", Jsonp.parse(m.envelope())).add("kid", m.kid())
                .add("jwk", Jsonp.parse(m.signerJwk()))));
        JsonArrayBuilder trust = Jsonp.array();
        c.trustEvents().forEach(e -> trust.add(Jsonp.object(TrustViews.event(e)).add("agent", e.agentId())));
        JsonArrayBuilder ledger = Jsonp.array();
        c.ledgerEntries().forEach(e -> ledger.add(IdentityViews.ledgerEntry(e)));
        JsonObjectBuilder bundle = Jsonp.object()
                .add("session", SessionViews.session(c.session(), null, commitments))
                .add("envelopes", envelopes)
                .add("commitments", commitments)
                .add("disputes", DisputeViews.list(c.disputes()))
                .add("trustEvents", trust)
                .add("ledgerEntries", ledger);
        c.seal().ifPresentOrElse(s -> bundle.add("seal", Jsonp.object().add("log", s.seq()).add("head", Jsonp.object().add("seq", s.head().seq())
                .add("hash", s.head().hash())).add("sealedAt", s.sealedAt().toString())), () -> bundle.addNull("seal"));
        return bundle.add("exportedAt", exportedAt.toString()).build().toString();
    }
}
