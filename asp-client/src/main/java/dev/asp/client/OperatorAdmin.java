package dev.asp.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The operator's calls (spec 1.1) with the bootstrap token. */
public final class OperatorAdmin {
    private final AspClient client;
    private final String token;

    OperatorAdmin(AspClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** A new organization: {@code id}, {@code adminApiKey}, {@code auditorApiKey}, {@code scimToken} (secrets shown once). */
    public JsonObject createOrganization(String name, String region, boolean verified) {
        JsonObject body = Json.createObjectBuilder().add("name", name).add("region", region).add("verified", verified).build();
        return client.bearer(token, "POST", "/v1/asp/orgs", body).jsonOrThrow("create organization");
    }

    /** Credits an organization's balance; answers the ledger entry. */
    public JsonObject credit(String orgId, String amount, String currency) {
        JsonObject body = Json.createObjectBuilder().add("amount", amount).add("currency", currency).build();
        return client.bearer(token, "POST", "/v1/asp/orgs/" + orgId + "/credits", body).jsonOrThrow("credit");
    }

    /** Assigns an operator level ({@code infrastructure}: no ceilings, no session quota). */
    public JsonObject setTrustLevel(String agentId, String level) {
        JsonObject body = Json.createObjectBuilder().add("level", level).build();
        return client.bearer(token, "PUT", "/v1/asp/agents/" + agentId + "/trust-level", body).jsonOrThrow("set trust level");
    }

    /** Any other operator call. */
    public AspResponse call(String method, String path, JsonObject body) {
        return client.bearer(token, method, path, body);
    }
}
