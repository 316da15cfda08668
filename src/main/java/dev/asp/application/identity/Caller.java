package dev.asp.application.identity;

import dev.asp.domain.identity.IdentityLevel;
import dev.asp.infrastructure.crypto.PublicJwk;

/** Who is calling (spec 1): established once per request by {@link AuthenticationFilter}. */
public sealed interface Caller {

    record Anonymous() implements Caller {
    }

    record Operator() implements Caller {
    }

    /** An org admin, auditor or SCIM provisioner, by API key. */
    record OrgMember(String orgId, String keyId, Role role) implements Caller {
    }

    /** An agent with a verified DPoP-bound access token; {@code key} is the proof key it must sign with. */
    record AgentCaller(String agentId, String orgId, PublicJwk key, IdentityLevel level) implements Caller {
    }

    enum Role {
        ADMIN, AUDITOR, SCIM
    }
}
