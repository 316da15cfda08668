package dev.asp.it.sdk;

import static dev.asp.it.support.Asp.login;
import static dev.asp.it.support.Asp.operator;
import static dev.asp.it.support.Asp.register;

import java.util.UUID;

import dev.asp.client.AspAgent;
import dev.asp.it.support.TestAgent;

/** Agents for the SDK's ITs, set up through the suite's helpers and then driven by the SDK. */
final class SdkAgents {
    private SdkAgents() {
    }

    /** A registered agent of the org of {@code admin}; {@code infrastructure} lifts ceilings and quotas. */
    static AspAgent agent(String admin, boolean infrastructure, String... capabilities) {
        TestAgent a = new TestAgent();
        register(admin, a, "sdk-" + UUID.randomUUID(), capabilities.length == 0 ? new String[] {"sdk.test"} : capabilities);
        if (infrastructure) {
            operator().body("{\"level\":\"infrastructure\"}").put("/v1/asp/agents/" + a.id + "/trust-level").then().statusCode(200);
        }
        login(a);
        return a.sdk();
    }
}
