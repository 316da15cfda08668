package dev.asp.it.scim;

import static dev.asp.it.support.Asp.as;
import static dev.asp.it.support.Asp.login;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import dev.asp.it.support.TestAgent;

/** Issue 3's path end to end: an identity provider provisions an agent, which then logs in with its key and works. */
class ScimOnboardingIT {

    @Test
    void provisionedAgentObtainsADpopTokenAndUsesTheRegistry() {
        ScimClient.Org org = ScimClient.newOrg("onboarding");
        TestAgent agent = new TestAgent();
        var created = org.create(ScimClient.user(ScimClient.unique("gpu-broker"), "okta-00u1", agent.jwk.toJson()));
        agent.id = created.getString("id");
        login(agent);
        String profile = "/v1/asp/agents/" + agent.id;
        as(agent, "GET", profile).get(profile).then().statusCode(200).body("identityLevel", equalTo("enterprise_scim"));
        as(agent, "GET", "/v1/asp/registry").queryParam("capability", "compute.gpu").get("/v1/asp/registry").then().statusCode(200)
                .body("agents.id", hasItem(agent.id));
    }

    /** Spec 2.2/6.1: SCIM with a DPoP-bound key is IV 100, which alone (20 points) lifts a new agent out of probation. */
    @Test
    void provisionedAgentWithAKeyIsVerified() {
        ScimClient.Org org = ScimClient.newOrg("trust");
        TestAgent agent = new TestAgent();
        agent.id = org.create(ScimClient.user(ScimClient.unique("scim-trust"), "okta-00u2", agent.jwk.toJson())).getString("id");
        login(agent);
        String path = "/v1/asp/trust/" + agent.id;
        as(agent, "GET", path).get(path).then().statusCode(200).body("components.IV", equalTo(100.0f)).body("level", equalTo("verified"))
                .body("explanation.IV.inputs.identityLevel", equalTo("enterprise_scim")).body("limits.transactionCeiling", equalTo("1000"));
    }
}
