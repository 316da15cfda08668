package dev.asp.domain.session;

import static dev.asp.domain.session.Talk.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** Strict reading never fails with anything but the spec's codes, whatever member holds whatever value. */
class ParsingPropertiesTest {
    private static final Set<ProblemCode> READING = Set.of(ProblemCode.MALFORMED, ProblemCode.PROTOCOL_VIOLATION);
    private static final Map<Performative, String> VALID = Map.ofEntries(
            Map.entry(Performative.INVITE, "{'purpose':'p','participants':[{'agent':'agt_a','role':'buyer'}],"
                    + "'constraints':{'maxDuration':'PT2H','minTrustScore':60,'tokenBudget':100,'currency':'USD',"
                    + "'allowedPerformatives':['PROPOSE']}}"),
            Map.entry(Performative.PROPOSE, "{'terms':{'items':[{'description':'x','quantity':2,'unitPrice':'1.50','unit':'h'}],"
                    + "'total':'3.00','currency':'USD','deliverBy':'2026-03-16','parties':['agt_a','agt_b'],"
                    + "'breachSeverity':3,'penalty':'1.00','escrow':true,'conditions':['c']}}"),
            Map.entry(Performative.COUNTER, "{'terms':{'total':'3.00'}}"),
            Map.entry(Performative.ACCEPT, "{'note':'n'}"),
            Map.entry(Performative.REJECT, "{'reason':'r'}"),
            Map.entry(Performative.QUERY, "{'question':'q'}"),
            Map.entry(Performative.INFORM, "{'facts':{'a':1}}"),
            Map.entry(Performative.CLARIFY, "{'question':'q'}"),
            Map.entry(Performative.COMMIT, "{'proposal':3,'obligations':[{'type':'payment','creditor':'agt_b',"
                    + "'description':'d','amount':'3.00','deadline':'2026-03-16','condition':'cmt_x fulfilled'}]}"),
            Map.entry(Performative.FULFILL, "{'commitment':'cmt_x','evidence':'e'}"),
            Map.entry(Performative.DELEGATE, "{'to':'agt_c','scope':'s'}"),
            Map.entry(Performative.ESCALATE, "{'reason':'r'}"),
            Map.entry(Performative.WITHDRAW, "{'reason':'r'}"),
            Map.entry(Performative.CLOSE, "{'outcome':'success','ratings':{'agt_b':5},'notes':'n'}"));

    @Provide
    Arbitrary<JsonValue> values() {
        return Arbitraries.of(JsonValue.NULL, JsonValue.TRUE, JsonValue.FALSE, Talk.JSON.createValue(0),
                Talk.JSON.createValue(-1), Talk.JSON.createValue(1.5), Talk.JSON.createValue(1e300), Talk.JSON.createValue(""),
                Talk.JSON.createValue("x"), Talk.JSON.createValue("agt_b"), Talk.JSON.createValue("2026-03-16"),
                Talk.JSON.createValue("1.00"), JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_OBJECT,
                json("{'a':[1,'b',{}]}"), Talk.JSON.createArrayBuilder().add("agt_b").add(2).build());
    }

    /** Every path to a member inside {@code o}, each as the list of keys and indexes leading to it. */
    private static List<List<Object>> paths(JsonValue v, List<Object> prefix, List<List<Object>> out) {
        if (v instanceof JsonObject o) {
            o.forEach((k, child) -> {
                List<Object> path = new ArrayList<>(prefix);
                path.add(k);
                out.add(path);
                paths(child, path, out);
            });
        } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            for (int i = 0; i < v.asJsonArray().size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                out.add(path);
                paths(v.asJsonArray().get(i), path, out);
            }
        }
        return out;
    }

    private static JsonValue replace(JsonValue v, List<Object> path, JsonValue with) {
        if (path.isEmpty()) {
            return with;
        }
        Object key = path.get(0);
        List<Object> rest = path.subList(1, path.size());
        if (v instanceof JsonObject o) {
            return Talk.JSON.createObjectBuilder(o).add((String) key, replace(o.get(key), rest, with)).build();
        }
        var b = Talk.JSON.createArrayBuilder(v.asJsonArray());
        return b.set((Integer) key, replace(v.asJsonArray().get((Integer) key), rest, with)).build();
    }

    private static void readsOrRefusesWithACode(Runnable read) {
        try {
            read.run();
        } catch (DomainException e) {
            assertTrue(READING.contains(e.code()), e.code() + " " + e.getMessage());
        }
    }

    @Property(tries = 1000)
    void anyMemberOfAnyBodyMayHoldAnything(@ForAll Performative performative, @ForAll("values") JsonValue value,
            @ForAll int pick) {
        JsonObject body = json(VALID.get(performative));
        List<List<Object>> paths = paths(body, List.of(), new ArrayList<>());
        List<Object> path = paths.get(Math.floorMod(pick, paths.size()));
        JsonObject mutated = replace(body, path, value).asJsonObject();
        readsOrRefusesWithACode(() -> Body.parse(performative, mutated));
        readsOrRefusesWithACode(() -> TokenUsage.of(mutated));
    }

    @Property(tries = 500)
    void anyMemberOfAnEnvelopeMayHoldAnything(@ForAll("values") JsonValue value, @ForAll int pick) throws IOException {
        List<JsonObject> messages = EnvelopeTest.vectorMessages();
        JsonObject envelope = messages.get(Math.floorMod(pick, messages.size())).getJsonObject("envelope");
        List<List<Object>> paths = paths(envelope, List.of(), new ArrayList<>());
        List<Object> path = paths.get(Math.floorMod(pick / 7, paths.size()));
        JsonObject mutated = replace(envelope, path, value).asJsonObject();
        readsOrRefusesWithACode(() -> {
            Envelope e = Envelope.parse(mutated);
            e.computedHash();
            Body.parse(e.performative(), e.body());
        });
    }
}
