package dev.asp.domain.session;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;

/**
 * The body of each performative, read strictly against the table of spec 4.3: a missing
 * required member is a protocol violation, a wrong JSON type is malformed. Members the table
 * does not name (e.g. {@code usage}) are left to whoever reads them.
 */
public sealed interface Body {

    static Body parse(Performative performative, JsonObject body) {
        return switch (performative) {
            case INVITE -> Invite.parse(body);
            case PROPOSE -> new Propose(Terms.parse(Members.object(body, "terms")));
            case COUNTER -> new Counter(Terms.parse(Members.object(body, "terms")));
            case ACCEPT -> new Accept(JsonFields.optionalString(body, "note").orElse(null));
            case REJECT -> new Reject(Members.string(body, "reason"));
            case QUERY -> new Query(Members.string(body, "question"));
            case INFORM -> new Inform(Members.textOrStructure(body, "facts"));
            case CLARIFY -> new Clarify(Members.string(body, "question"));
            case COMMIT -> Commit.parse(body);
            case FULFILL -> Fulfill.parse(body);
            case DELEGATE -> new Delegate(Members.agent(Members.string(body, "to"), "to"), Members.textOrStructure(body, "scope"));
            case ESCALATE -> new Escalate(Members.string(body, "reason"));
            case WITHDRAW -> new Withdraw(JsonFields.optionalString(body, "reason").orElse(null));
            case CLOSE -> Close.parse(body);
        };
    }

    /** One entry of an INVITE's {@code participants}. */
    record Invitee(String agent, String role) {
    }

    record Invite(String purpose, List<Invitee> participants, Constraints constraints) implements Body {
        public Invite {
            participants = List.copyOf(participants);
        }

        static Invite parse(JsonObject body) {
            String purpose = Members.string(body, "purpose");
            List<Invitee> participants = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (JsonValue v : Members.array(body, "participants")) {
                JsonObject p = Members.element(v, "participants");
                String agent = Members.agent(Members.string(p, "agent"), "agent");
                String role = Members.string(p, "role");
                if (role.isBlank()) {
                    throw DomainException.protocol("every participant needs a \"role\"");
                }
                if (!seen.add(agent)) {
                    throw DomainException.protocol("\"participants\" names " + agent + " twice");
                }
                participants.add(new Invitee(agent, role));
            }
            Constraints constraints = JsonFields.optionalObject(body, "constraints").map(Constraints::parse)
                    .orElseGet(Constraints::defaults);
            return new Invite(purpose, participants, constraints);
        }
    }

    record Propose(Terms terms) implements Body {
    }

    record Counter(Terms terms) implements Body {
    }

    record Accept(String note) implements Body {
    }

    record Reject(String reason) implements Body {
    }

    record Query(String question) implements Body {
    }

    record Inform(JsonValue facts) implements Body {
    }

    record Clarify(String question) implements Body {
    }

    record Commit(long proposal, List<Obligation> obligations) implements Body {
        public Commit {
            obligations = List.copyOf(obligations);
        }

        static Commit parse(JsonObject body) {
            long proposal = Members.integer(body, "proposal");
            List<Obligation> obligations = new ArrayList<>();
            for (JsonValue v : Members.array(body, "obligations")) {
                obligations.add(Obligation.parse(Members.element(v, "obligations")));
            }
            return new Commit(proposal, obligations);
        }
    }

    /** {@code evidence} is whatever the claimant shows (optional, may be null). */
    record Fulfill(String commitment, JsonValue evidence) implements Body {
        static Fulfill parse(JsonObject body) {
            String commitment = Members.string(body, "commitment");
            if (!Members.COMMITMENT.matcher(commitment).matches()) {
                throw DomainException.malformed("\"commitment\" must be a commitment id (cmt_…)");
            }
            JsonValue evidence = body.containsKey("evidence") && body.get("evidence") != JsonValue.NULL
                    ? Members.textOrStructure(body, "evidence") : null;
            return new Fulfill(commitment, evidence);
        }
    }

    record Delegate(String to, JsonValue scope) implements Body {
    }

    record Escalate(String reason) implements Body {
    }

    record Withdraw(String reason) implements Body {
    }

    /** {@code ratings}: counterpart agent id → 1..5 (spec 4.3, feeding RQ and directional q of 6.4). */
    record Close(Outcome outcome, Map<String, Integer> ratings, String notes) implements Body {
        public Close {
            ratings = Collections.unmodifiableMap(new LinkedHashMap<>(ratings));
        }

        static Close parse(JsonObject body) {
            String wire = Members.string(body, "outcome");
            Outcome outcome = Outcome.fromWire(wire).orElseThrow(() ->
                    DomainException.malformed("\"outcome\" has an unknown value \"" + wire + "\""));
            Map<String, Integer> ratings = new LinkedHashMap<>();
            JsonFields.optionalObject(body, "ratings").ifPresent(r -> r.forEach((agent, v) -> {
                Members.agent(agent, "ratings");
                if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
                    throw DomainException.malformed("a rating must be an integer 1 to 5");
                }
                if (n.bigDecimalValue().compareTo(BigDecimal.ONE) < 0
                        || n.bigDecimalValue().compareTo(BigDecimal.valueOf(5)) > 0) {
                    throw DomainException.protocol("a rating must be 1 to 5, not " + n);
                }
                ratings.put(agent, n.intValue());
            }));
            return new Close(outcome, ratings, JsonFields.optionalString(body, "notes").orElse(null));
        }
    }
}
