package dev.asp.interfaces.rest.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.trust.TrustReader;
import dev.asp.application.trust.TrustSummary;
import dev.asp.domain.identity.Agent;
import dev.asp.infrastructure.persistence.InTransaction;

/** Renders public agent profiles (spec 3) from the directory and the trust read model. */
@ApplicationScoped
@InTransaction
public class AgentProfiles {
    @Inject
    AgentDirectory directory;

    @Inject
    TrustReader trust;

    public JsonObject profile(Agent agent) {
        return profile(agent, trust.of(agent));
    }

    public JsonObject profile(Agent agent, TrustSummary summary) {
        return IdentityViews.profile(agent, directory.identityLevel(agent), summary);
    }
}
