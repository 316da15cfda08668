package dev.asp.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.client.AspClient;
import dev.asp.client.demo.SupplyChainDemo;
import dev.asp.it.support.AspServer;
import dev.asp.it.support.Json;

/** The README's demo against the IT server: its JSON lines tell the seeds' story, states and amounts included. */
class SupplyChainDemoIT {

    @Test
    void theDemoNegotiatesWithinTheCeilingAndVerifiesTheTranscript() {
        List<String> lines = new ArrayList<>();
        new SupplyChainDemo(new AspClient(AspServer.baseUrl()), AspServer.operatorToken(), line -> lines.add(line.toString())).run();
        List<JsonObject> steps = lines.stream().map(Json::object).toList(); // each line is one JSON object
        List<String> events = steps.stream().map(s -> s.getString("event")).toList();
        assertEquals(List.of("discovery", "organizations", "agents", "registry", "invite", "accept", "refused", "propose", "counter", "query",
                "inform", "propose", "accept", "verified", "next"), events, "the story's steps in order");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).getInt("step"));
            assertTrue(!steps.get(i).getString("text").isBlank());
        }
        Map<String, JsonObject> last = steps.stream().collect(Collectors.toMap(s -> s.getString("event"), s -> s, (a, b) -> b));

        JsonObject registry = last.get("registry");
        assertEquals("probation", registry.getString("trustLevel"), "new agents start on probation (spec 6.3)");
        assertEquals("100", registry.getString("ceiling"));
        JsonObject refused = last.get("refused");
        assertEquals(403, refused.getInt("status"));
        assertEquals("trust-ceiling", refused.getString("code"));
        assertEquals("1700.00", refused.getString("amount"), "the seeds' 200 adapters at $8.50");
        int quantity = refused.getInt("quantity");
        assertEquals(11, quantity, "as many as $9.00 a unit keeps within $100");

        assertEquals("INVITED", steps.get(4).getString("state"));
        assertEquals("CONVERSING", steps.get(5).getString("state"));
        assertEquals(new BigDecimal("8.50").multiply(BigDecimal.valueOf(quantity)).setScale(2).toPlainString(), steps.get(7).getString("amount"));
        assertEquals(new BigDecimal("9.00").multiply(BigDecimal.valueOf(quantity)).setScale(2).toPlainString(), steps.get(8).getString("amount"));
        JsonObject agreed = last.get("accept");
        assertEquals("AGREED", agreed.getString("state"));
        String total = new BigDecimal("8.75").multiply(BigDecimal.valueOf(quantity)).setScale(2).toPlainString();
        assertEquals(total, agreed.getString("amount"), "the second proposal is the agreement");
        assertEquals(steps.get(11).getInt("seq"), agreed.getInt("agreementSeq"));
        List<Integer> seqs = steps.stream().filter(st -> st.containsKey("seq")).map(st -> st.getInt("seq")).toList();
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8, 9), seqs, "seq 3 is the service's introduction; the refused proposal took none");

        JsonObject verified = last.get("verified");
        assertTrue(verified.getBoolean("valid"), verified::toString);
        assertTrue(verified.getBoolean("serverValid"));
        assertEquals(agreed.getInt("seq"), verified.getInt("messages"), "every message up to the ACCEPT");
    }
}
