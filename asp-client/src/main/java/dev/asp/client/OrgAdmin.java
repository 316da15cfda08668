package dev.asp.client;

import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** An organization admin's calls (spec 1.1, 3) with the org's admin API key. */
public final class OrgAdmin {
    private final AspClient client;
    private final String adminKey;

    OrgAdmin(AspClient client, String adminKey) {
        this.client = client;
        this.adminKey = adminKey;
    }

    /** Registers an agent with {@code key} as its public key; answers the profile (with {@code id}). */
    public JsonObject registerProfile(String name, AgentKey key, List<String> capabilities, List<String> regions) {
        JsonArrayBuilder caps = Json.createArrayBuilder();
        capabilities.forEach(caps::add);
        JsonArrayBuilder regs = Json.createArrayBuilder();
        regions.forEach(regs::add);
        JsonObject body = Json.createObjectBuilder().add("name", name).add("capabilities", caps).add("regions", regs)
                .add("publicKeys", Json.createArrayBuilder().add(key.publicJwk())).build();
        return client.bearer(adminKey, "POST", "/v1/asp/registry", body).jsonOrThrow("register agent");
    }

    /** Registers an agent with {@code key} and answers it, ready to log in. */
    public AspAgent register(String name, AgentKey key, List<String> capabilities, List<String> regions) {
        return client.agent(registerProfile(name, key, capabilities, regions).getString("id"), key);
    }

    /** Any other admin call. */
    public AspResponse call(String method, String path, JsonObject body) {
        return client.bearer(adminKey, method, path, body);
    }
}
