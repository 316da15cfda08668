package dev.asp.application.identity;

import dev.asp.domain.identity.IdentityLevel;
import dev.asp.infrastructure.crypto.PublicJwk;
import dev.asp.infrastructure.security.JtiClaim;

/** Who is calling (spec 1): established once per request by {@link AuthenticationFilter}. */
public sealed interface Caller {

    record Anonymous() implements Caller {
    }

    record Operator() implements Caller {
    }

    /** An org admin, auditor or SCIM provisioner, by API key. */
    record OrgMember(String orgId, String keyId, Role role) implements Caller {
    }

    /**
     * An agent with a verified DPoP-bound access token; {@code key} is the proof key it must sign
     * with; {@code pendingJti} is the proof's jti when the request's own write records it (else null).
     */
    record AgentCaller(String agentId, String orgId, PublicJwk key, IdentityLevel level, JtiClaim pendingJti) implements Caller {
        public AgentCaller(String agentId, String orgId, PublicJwk key, IdentityLevel level) {
            this(agentId, orgId, key, level, null);
        }
    }

    enum Role {
        ADMIN, AUDITOR, SCIM
    }
}
