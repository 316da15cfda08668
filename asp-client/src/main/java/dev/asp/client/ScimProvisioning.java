package dev.asp.client;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * What an org's identity provider does (spec 2.4), for organizations that provision agents
 * themselves: a SCIM {@code User} with the ASP extension carrying the agent's public key. The
 * provisioned agent logs in like any other ({@link AspClient#agent}) and is at level {@code enterprise_scim}.
 */
public final class ScimProvisioning {
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String AGENT = "urn:ietf:params:scim:schemas:extension:asp:1.0:Agent";
    private final AspClient client;
    private final String scimToken;

    ScimProvisioning(AspClient client, String scimToken) {
        this.client = client;
        this.scimToken = scimToken;
    }

    /** Provisions an agent ({@code userName} its name) holding {@code key}; answers it, ready to log in. */
    public AspAgent provision(String userName, String externalId, AgentKey key, List<String> capabilities, List<String> regions) {
        JsonArrayBuilder caps = Json.createArrayBuilder();
        capabilities.forEach(caps::add);
        JsonArrayBuilder regs = Json.createArrayBuilder();
        regions.forEach(regs::add);
        JsonObject user = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add(USER).add(AGENT)).add("userName", userName)
                .add("externalId", externalId).add("active", true)
                .add(AGENT, Json.createObjectBuilder().add("capabilities", caps).add("regions", regs)
                        .add("publicKeys", Json.createArrayBuilder().add(key.publicJwk())))
                .build();
        JsonObject created = client.bearer(scimToken, "POST", "/scim/v2/Users", user, "application/scim+json").jsonOrThrow("SCIM provisioning");
        return client.agent(created.getString("id"), key);
    }

    /** Sets the provisioned user's {@code active} (false suspends the agent and closes its open sessions). */
    public JsonObject setActive(String agentId, boolean active) {
        JsonObject patch = Json.createObjectBuilder().add("schemas", Json.createArrayBuilder().add("urn:ietf:params:scim:api:messages:2.0:PatchOp"))
                .add("Operations", Json.createArrayBuilder().add(Json.createObjectBuilder().add("op", "replace").add("path", "active").add("value", active)))
                .build();
        return client.bearer(scimToken, "PATCH", "/scim/v2/Users/" + agentId, patch, "application/scim+json").jsonOrThrow("SCIM active");
    }
}
