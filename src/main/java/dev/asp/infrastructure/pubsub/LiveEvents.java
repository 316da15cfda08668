package dev.asp.infrastructure.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonObjectBuilder;

import dev.asp.domain.session.Effect;
import dev.asp.domain.shared.Jsonp;

/**
 * The session events pushed beside messages (spec 4.7 SSE event {@code event}, 4.8 WebSocket
 * {@code event} frames): {@code {"type":"event","sessionId","event":<kind>,"seq":<head>,…}}, where
 * {@code seq} is the transcript head once the change took effect. Kinds: {@code state} (state, from unless opening),
 * {@code joined} (agent, role, delegateOf?), {@code proposal-opened} (proposal, by, kind),
 * {@code proposal-closed} (proposal, reason), {@code agreement} (proposal, total, currency),
 * {@code closed} (by, outcome), {@code escalated} (escalation, by) and {@code escalation-decided}
 * (escalation, approved). Small on purpose: a client that wants the whole picture GETs the session.
 */
public final class LiveEvents {
    private LiveEvents() {
    }

    public static List<Frame.Event> of(String sessionId, List<Effect> effects, long head) {
        List<Frame.Event> out = new ArrayList<>();
        for (Effect effect : effects) {
            JsonObjectBuilder b = event(effect);
            if (b != null) {
                out.add(new Frame.Event(sessionId, Jsonp.object().add("type", "event").add("sessionId", sessionId)
                        .addAll(b).add("seq", head).build()));
            }
        }
        return out;
    }

    private static JsonObjectBuilder event(Effect effect) {
        if (effect instanceof Effect.StateChanged s) {
            JsonObjectBuilder b = kind("state").add("state", s.to().name());
            return s.from() == null ? b : b.add("from", s.from().name()); // the INVITE has no state before it
        }
        if (effect instanceof Effect.ParticipantJoined j) {
            JsonObjectBuilder b = kind("joined").add("agent", j.agent()).add("role", j.role());
            return j.delegateOf() == null ? b : b.add("delegateOf", j.delegateOf());
        }
        if (effect instanceof Effect.ProposalOpened p) {
            return kind("proposal-opened").add("proposal", p.proposal().seq()).add("by", p.proposal().proposer())
                    .add("kind", p.proposal().kind().name());
        }
        if (effect instanceof Effect.ProposalClosed p) {
            return kind("proposal-closed").add("proposal", p.seq()).add("reason", p.reason().name().toLowerCase(Locale.ROOT));
        }
        if (effect instanceof Effect.AgreementReached a) {
            JsonObjectBuilder b = kind("agreement").add("proposal", a.agreement().seq())
                    .add("total", a.agreement().terms().total().toPlainString());
            return a.agreement().terms().currency() == null ? b : b.add("currency", a.agreement().terms().currency());
        }
        if (effect instanceof Effect.SessionClosed c) {
            return kind("closed").add("by", c.by()).add("outcome", c.outcome().wire());
        }
        if (effect instanceof Effect.EscalationRequested e) {
            return kind("escalated").add("escalation", e.escalation().seq()).add("by", e.escalation().by());
        }
        if (effect instanceof Effect.EscalationDecided d) {
            return kind("escalation-decided").add("escalation", d.seq()).add("approved", d.approved());
        }
        return null;
    }

    private static JsonObjectBuilder kind(String kind) {
        return Jsonp.object().add("event", kind);
    }

    /** Whether this event moved the session to CLOSED (a stream may then end, see the SSE endpoint). */
    public static boolean closesSession(Frame.Event e) {
        return "state".equals(e.json().getString("event", null)) && "CLOSED".equals(e.json().getString("state", null));
    }
}
