package dev.asp.it.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.asp.client.AspClient;
import dev.asp.client.demo.SupplyChainDemo;
import dev.asp.it.support.AspServer;
import dev.asp.it.support.Json;
import dev.asp.verify.AspVerify;

/**
 * The README's demo against the IT server, both runs: its JSON lines tell the seeds' story, states and amounts included;
 * the success run's export goes through the offline verifier (asp-verify) the way an auditor runs it.
 */
class SupplyChainDemoIT {

    private static final List<String> NEGOTIATION = List.of("discovery", "organizations", "agents", "registry", "invite", "accept", "refused",
            "propose", "counter", "query", "inform", "propose", "accept");

    @Test
    void theDemoSettlesWithinTheCeilingAndVerifiesTranscriptAndExport() {
        List<JsonObject> steps = new ArrayList<>();
        List<String> verifierOutput = new ArrayList<>();
        new SupplyChainDemo(new AspClient(AspServer.baseUrl()), AspServer.operatorToken(), record(steps))
                .offlineVerifier((export, jwks) -> offline(export, jwks, verifierOutput)).run();
        assertSteps(steps, List.of("trust", "credit", "commit", "commit", "escrow", "fulfill", "confirm", "released", "closed", "trust", "verified",
                "export"));
        Map<String, JsonObject> last = lastOfEach(steps);
        String total = assertNegotiation(steps, last);

        JsonObject before = steps.get(13);
        assertEquals("before", before.getString("when"));
        assertEquals("probation", before.getString("level"));
        JsonObject credit = last.get("credit");
        assertEquals(total, credit.getString("amount"), "the operator credits exactly the agreed total");
        assertEquals(total, credit.getString("balance"));
        JsonObject delivery = steps.get(15);
        assertEquals("delivery", delivery.getString("type"));
        assertEquals("pending", delivery.getString("status"));
        assertEquals("AGREED", delivery.getString("state"), "the buyer has not committed yet");
        JsonObject payment = steps.get(16);
        assertEquals("payment", payment.getString("type"));
        assertEquals("escrowed", payment.getString("status"));
        assertEquals(total, payment.getString("amount"));
        assertEquals("EXECUTING", payment.getString("state"));
        JsonObject escrow = last.get("escrow");
        assertEquals(total, escrow.getString("held"), "the whole payment held from the buyer's org");
        assertEquals("0.00", escrow.getString("balance"));
        assertEquals("delivered", last.get("fulfill").getString("status"));
        assertEquals(delivery.getString("commitment"), last.get("fulfill").getString("commitment"));
        JsonObject confirm = last.get("confirm");
        assertEquals("fulfilled", confirm.getString("status"));
        assertEquals(payment.getString("commitment"), confirm.getString("payment"));
        assertEquals("fulfilled", confirm.getString("paymentStatus"), "confirming the delivery releases the conditioned payment");
        JsonObject released = last.get("released");
        assertEquals(total, released.getString("supplierBalance"), "escrow released to the supplier's org");
        assertEquals("0.00", released.getString("buyerBalance"));
        assertEquals("0.00", released.getString("buyerHeld"));
        JsonObject closed = last.get("closed");
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("success", closed.getString("outcome"));
        JsonObject after = last.get("trust");
        assertEquals("after", after.getString("when"));
        assertTrue(after.getJsonNumber("change").bigDecimalValue().signum() > 0, "a fulfilled commitment raises the supplier's trust: " + after);

        JsonObject verified = last.get("verified");
        assertTrue(verified.getBoolean("valid"), verified::toString);
        assertTrue(verified.getBoolean("serverValid"));
        assertEquals(closed.getInt("seq"), verified.getInt("messages"), "the whole transcript, to the service's closing message");
        JsonObject export = last.get("export");
        assertTrue(export.getBoolean("verifiedOffline"), String.join("\n", verifierOutput));
        assertTrue(export.getString("command").startsWith("java -jar asp-verify/target/asp-verify.jar "));
    }

    @Test
    void theFailureRunBreachesRefundsDropsTrustAndOpensADispute() {
        List<JsonObject> steps = new ArrayList<>();
        new SupplyChainDemo(new AspClient(AspServer.baseUrl()), AspServer.operatorToken(), record(steps))
                .runFailure();
        assertSteps(steps, List.of("trust", "credit", "commit", "commit", "escrow", "breached", "refunded", "closed", "trust", "dispute", "verified"));
        Map<String, JsonObject> last = lastOfEach(steps);
        String total = assertNegotiation(steps, last);

        assertEquals(total, last.get("escrow").getString("held"));
        String delivery = steps.get(15).getString("commitment");
        String payment = steps.get(16).getString("commitment");
        JsonObject breached = last.get("breached");
        assertEquals(delivery, breached.getString("commitment"));
        assertEquals("breached", breached.getString("status"));
        assertEquals(payment, breached.getString("payment"));
        assertEquals("cancelled", breached.getString("paymentStatus"), "the conditioned payment is cancelled");
        JsonObject refunded = last.get("refunded");
        assertEquals(total, refunded.getString("buyerBalance"), "the escrow refunded to the buyer's org");
        assertEquals("0.00", refunded.getString("buyerHeld"));
        assertEquals("0.00", refunded.getString("supplierBalance"));
        JsonObject closed = last.get("closed");
        assertEquals("CLOSED", closed.getString("state"));
        assertEquals("failure", closed.getString("outcome"));
        JsonObject after = last.get("trust");
        assertEquals("after", after.getString("when"));
        assertTrue(after.getJsonNumber("change").bigDecimalValue().signum() < 0, "a breach lowers the supplier's trust: " + after);
        JsonObject dispute = last.get("dispute");
        assertEquals("breach", dispute.getString("origin"));
        assertEquals(delivery, dispute.getString("commitment"));
        assertTrue(last.get("verified").getBoolean("valid"));
    }

    /** Keeps the line for the assertions and prints it as a person would see it (the failsafe report shows the run). */
    private static Consumer<JsonObject> record(List<JsonObject> steps) {
        return line -> {
            steps.add(Json.object(line.toString()));
            System.out.println(SupplyChainDemo.human(line));
        };
    }

    private static int offline(java.nio.file.Path export, java.nio.file.Path jwks, List<String> output) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = AspVerify.run(new String[] {export.toString(), "--jwks", jwks.toString()}, print, print);
        output.add(bytes.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private static void assertSteps(List<JsonObject> steps, List<String> after) {
        List<String> expected = new ArrayList<>(NEGOTIATION);
        expected.addAll(after);
        assertEquals(expected, steps.stream().map(s -> s.getString("event")).toList(), "the story's steps in order");
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).getInt("step"));
            assertTrue(!steps.get(i).getString("text").isBlank());
        }
    }

    private static Map<String, JsonObject> lastOfEach(List<JsonObject> steps) {
        return steps.stream().collect(Collectors.toMap(s -> s.getString("event"), s -> s, (a, b) -> b));
    }

    /** The negotiation both runs share; answers the agreed total. */
    private static String assertNegotiation(List<JsonObject> steps, Map<String, JsonObject> last) {

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
        JsonObject agreed = steps.get(12);
        assertEquals("AGREED", agreed.getString("state"));
        String total = new BigDecimal("8.75").multiply(BigDecimal.valueOf(quantity)).setScale(2).toPlainString();
        assertEquals(total, agreed.getString("amount"), "the second proposal is the agreement");
        assertEquals(steps.get(11).getInt("seq"), agreed.getInt("agreementSeq"));
        List<Integer> seqs = steps.subList(0, NEGOTIATION.size()).stream().filter(st -> st.containsKey("seq")).map(st -> st.getInt("seq")).toList();
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8, 9), seqs, "seq 3 is the service's introduction; the refused proposal took none");
        assertEquals(10, steps.get(NEGOTIATION.size() + 2).getInt("seq"), "the supplier's COMMIT follows the ACCEPT");
        assertEquals(11, steps.get(NEGOTIATION.size() + 3).getInt("seq"));
        return total;
    }
}
