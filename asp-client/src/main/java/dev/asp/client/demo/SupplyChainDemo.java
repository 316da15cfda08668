package dev.asp.client.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import dev.asp.client.AgentKey;
import dev.asp.client.AspAgent;
import dev.asp.client.AspClient;
import dev.asp.client.AspProblemException;
import dev.asp.client.OperatorAdmin;
import dev.asp.client.Participant;
import dev.asp.client.SentMessage;
import dev.asp.client.Session;
import dev.asp.client.Terms;
import dev.asp.client.TranscriptVerifier;

/**
 * The seeds' autonomous supply chain, run against a live service: two organizations, a
 * procurement agent that finds a supplier in the registry by capability and trust, the session,
 * a refused over-ceiling deal, the six-message negotiation (PROPOSE $8.50, COUNTER $9.00, QUERY,
 * INFORM, PROPOSE, ACCEPT) and the transcript verified locally. Within the limits new agents have
 * (spec 6.3): the quantity is scaled to the agents' transaction ceiling, no operator override.
 *
 * <p>Usage: {@code SupplyChainDemo [--json] [--base URL] [--operator-token TOKEN]}. The token
 * defaults to {@code ASP_OPERATOR_TOKEN}, else the {@code operator-token} file a local
 * {@code ./mvnw liberty:run} server writes.
 */
public final class SupplyChainDemo {
    static final String PRODUCT = "USB-C adapter";
    /** The seeds' order: 200 adapters. */
    static final int SEED_QUANTITY = 200;
    private final AspClient asp;
    private final String operatorToken;
    private final Consumer<JsonObject> out;
    private int step;

    public SupplyChainDemo(AspClient asp, String operatorToken, Consumer<JsonObject> out) {
        this.asp = asp;
        this.operatorToken = operatorToken;
        this.out = out;
    }

    public static void main(String[] args) {
        boolean json = false;
        String base = Optional.ofNullable(System.getenv("ASP_BASE_URL")).orElse("http://localhost:9080");
        String token = System.getenv("ASP_OPERATOR_TOKEN");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--base" -> base = args[++i];
                case "--operator-token" -> token = args[++i];
                default -> {
                    System.err.println("usage: SupplyChainDemo [--json] [--base URL] [--operator-token TOKEN]");
                    System.exit(2);
                }
            }
        }
        PrintStream stdout = System.out;
        Consumer<JsonObject> printer = json ? line -> stdout.println(line) : line -> stdout.println(human(line));
        try {
            AspClient asp = new AspClient(base);
            new SupplyChainDemo(asp, token != null ? token : localOperatorToken(asp), printer).run();
        } catch (AspProblemException e) {
            System.err.println("the service refused a step: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The steps, each reported to the output as it happens. */
    public void run() {
        JsonObject config = asp.configuration();
        say("discovery", "demo", "the service speaks ASP " + config.getString("version") + ", " + config.getJsonArray("performatives").size()
                + " performatives, " + config.getString("canonicalization") + " + " + config.getJsonArray("signatureAlgorithms").getString(0),
                b -> b.add("version", config.getString("version")));

        OperatorAdmin operator = asp.operator(operatorToken);
        String run = UUID.randomUUID().toString().substring(0, 8);
        JsonObject buyerOrg = operator.createOrganization("Acme Retail " + run, "eu-west", false);
        JsonObject supplierOrg = operator.createOrganization("Volt Components " + run, "eu-west", false);
        say("organizations", "operator", "created " + buyerOrg.getString("name") + " and " + supplierOrg.getString("name"),
                b -> b.add("buyerOrg", buyerOrg.getString("id")).add("supplierOrg", supplierOrg.getString("id")));

        AspAgent procurement = asp.orgAdmin(buyerOrg.getString("adminApiKey")).register("procurement-" + run, AgentKey.generate(),
                List.of("procurement.purchasing"), List.of("eu-west"));
        AspAgent supplier = asp.orgAdmin(supplierOrg.getString("adminApiKey")).register("volt-supplier-" + run, AgentKey.generate(),
                List.of("supply.electronics.adapters"), List.of("eu-west"));
        procurement.login();
        supplier.login();
        say("agents", "admins", "registered procurement " + procurement.id() + " and supplier " + supplier.id()
                + " with Ed25519 keys; both hold DPoP-bound tokens", b -> b.add("procurement", procurement.id()).add("supplier", supplier.id()));

        // Discovery as the seeds tell it: by capability and region, best trust first.
        List<JsonObject> found = asp.registry().capability("supply.electronics").region("eu-west").minTrustScore(BigDecimal.ZERO).limit(50)
                .stream().limit(500).toList();
        JsonObject chosen = found.stream().filter(p -> p.getString("id").equals(supplier.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the registry does not list the new supplier " + supplier.id()));
        JsonObject trust = chosen.getJsonObject("trust");
        String level = trust.getString("level");
        BigDecimal ceiling = ceiling(level);
        say("registry", "procurement", "searched capability supply.electronics in eu-west: " + found.size() + " agents, best trust first; chose "
                + chosen.getString("name") + " (trust " + trust.getJsonNumber("score") + ", " + level + ", ceiling " + dollars(ceiling) + ")",
                b -> b.add("found", found.size()).add("chosen", supplier.id()).add("trustScore", trust.getJsonNumber("score").bigDecimalValue())
                        .add("trustLevel", level).add("ceiling", ceiling == null ? "unlimited" : ceiling.toPlainString()));

        int quantity = quantityWithin(ceiling);
        Instant deliverBy = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        Session buying = procurement.openSession("Emergency restock: " + quantity + " USB-C adapters",
                Json.createObjectBuilder().add("maxDuration", "PT2H").add("tokenBudget", 25000).build(),
                Participant.of(procurement.id(), "buyer"), Participant.of(supplier.id(), "seller"));
        say("invite", "procurement", "opened " + buying.id() + " inviting the supplier as seller", state(buying, 1));
        Session selling = supplier.session(buying.id());
        SentMessage joined = selling.accept(1, "joining");
        say("accept", "supplier", "joined; the service introduced both parties", state(joined));

        if (ceiling != null && ceiling.compareTo(new BigDecimal("8.50").multiply(BigDecimal.valueOf(SEED_QUANTITY))) < 0) {
            Terms seedOrder = terms(SEED_QUANTITY, "8.50", deliverBy);
            try {
                buying.propose(seedOrder);
                throw new IllegalStateException("a " + dollars(seedOrder.total()) + " proposal above the " + dollars(ceiling) + " ceiling was stored");
            } catch (AspProblemException refused) {
                say("refused", "procurement", "PROPOSE " + SEED_QUANTITY + " × $8.50 = " + dollars(seedOrder.total()) + " refused: "
                        + refused.status() + " " + refused.code() + " (new agents are on " + level + ", ceiling " + dollars(ceiling)
                        + "); scaling the order to " + quantity + " adapters",
                        b -> b.add("status", refused.status()).add("code", refused.code()).add("amount", seedOrder.total().toPlainString())
                                .add("quantity", quantity));
            }
        }

        Terms first = terms(quantity, "8.50", deliverBy);
        SentMessage propose = buying.propose(first);
        say("propose", "procurement", offer(quantity, "8.50", first), state(propose).andThen(b -> b.add("amount", first.total().toPlainString())));
        Terms counterTerms = terms(quantity, "9.00", deliverBy);
        SentMessage counter = selling.counter(propose.seq(), counterTerms);
        say("counter", "supplier", offer(quantity, "9.00", counterTerms), state(counter).andThen(b -> b.add("amount", counterTerms.total().toPlainString())));
        SentMessage query = buying.query("Can you deliver " + quantity + " units to the eu-west warehouse by " + deliverBy + "?");
        say("query", "procurement", "asked whether " + quantity + " units can be delivered by " + deliverBy, state(query));
        SentMessage inform = selling.inform(Json.createObjectBuilder().add("inStock", quantity).add("shipsFrom", "eu-west")
                .add("earliestDelivery", deliverBy.toString()).build(), query.seq());
        say("inform", "supplier", quantity + " in stock, ships from eu-west, can deliver by " + deliverBy, state(inform));
        Terms finalTerms = terms(quantity, "8.75", deliverBy);
        SentMessage second = buying.propose(finalTerms);
        say("propose", "procurement", offer(quantity, "8.75", finalTerms), state(second).andThen(b -> b.add("amount", finalTerms.total().toPlainString())));
        SentMessage accept = selling.accept(second.seq(), "deal");
        JsonObject agreed = buying.fetch();
        JsonObject agreement = agreed.getJsonObject("agreement");
        String total = agreement.getJsonObject("terms").getString("total");
        say("accept", "supplier", "accepted " + dollars(new BigDecimal(total)) + ": the session is " + agreed.getString("state"),
                state(accept).andThen(b -> b.add("agreementSeq", agreement.getJsonNumber("seq").longValue()).add("amount", total)));

        List<JsonObject> transcript = buying.transcript();
        TranscriptVerifier.Result local = new TranscriptVerifier().key(procurement.key()).key(supplier.key()).jwks(asp.jwks()).verify(transcript);
        JsonObject server = buying.verifyOnServer();
        say("verified", "procurement", (local.valid() ? "transcript verified locally: " : "transcript BROKEN at seq " + local.brokenSeq() + " ("
                + local.reason() + "): ") + local.messages() + " messages, every hash, link and signature; head " + abbreviated(local.head())
                + (server.getBoolean("valid") && server.getString("head").equals(local.head()) ? ", the service agrees" : ", the service disagrees"),
                b -> {
                    b.add("valid", local.valid()).add("messages", local.messages()).add("serverValid", server.getBoolean("valid"));
                    if (local.head() != null) {
                        b.add("head", local.head());
                    }
                });

        say("next", "demo", "commitments and escrow are not on this server yet, so trust moves no further: next both parties would COMMIT (the supplier "
                + "a delivery, procurement a payment of " + dollars(new BigDecimal(total)) + " held in escrow), the supplier would FULFILL, "
                + "procurement confirm, and the escrow be released", b -> b.add("pending", "commitments"));
    }

    /** Spec 6.3: the transaction ceiling of a trust level (null: unlimited). */
    static BigDecimal ceiling(String level) {
        return switch (level) {
            case "probation" -> new BigDecimal("100");
            case "verified" -> new BigDecimal("1000");
            case "established" -> new BigDecimal("10000");
            case "trusted" -> new BigDecimal("100000");
            case "premium" -> new BigDecimal("1000000");
            default -> null;
        };
    }

    /** The seeds' 200 adapters, or as many as the dearest offer ($9.00) keeps within the ceiling. */
    static int quantityWithin(BigDecimal ceiling) {
        if (ceiling == null) {
            return SEED_QUANTITY;
        }
        return Math.min(SEED_QUANTITY, ceiling.divide(new BigDecimal("9.00"), 0, java.math.RoundingMode.FLOOR).intValue());
    }

    private static Terms terms(int quantity, String unitPrice, Instant deliverBy) {
        return Terms.of(PRODUCT, quantity, unitPrice, "unit").deliverBy(deliverBy);
    }

    private static String offer(int quantity, String unitPrice, Terms t) {
        return quantity + " × " + PRODUCT + " at $" + unitPrice + " = " + dollars(t.total()) + ", delivery by " + t.toJson().getString("deliverBy");
    }

    private interface Fields extends Consumer<JsonObjectBuilder> {
        default Fields andThen(Fields more) {
            return b -> {
                accept(b);
                more.accept(b);
            };
        }
    }

    private static Fields state(SentMessage m) {
        return b -> b.add("seq", m.seq()).add("state", m.state());
    }

    private static Fields state(Session s, long seq) {
        return b -> b.add("seq", seq).add("state", s.state()).add("session", s.id());
    }

    private void say(String what, String actor, String text, Fields fields) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("step", ++step).add("event", what).add("actor", actor);
        fields.accept(b);
        out.accept(b.add("text", text).build());
    }

    /** One line for a person: step, who, what, and where the session stands. */
    static String human(JsonObject line) {
        String where = line.containsKey("state") ? "  [seq " + line.getJsonNumber("seq") + ", " + line.getString("state") + "]" : "";
        return String.format("%2d  %-12s %-9s %s%s", line.getInt("step"), line.getString("actor"), line.getString("event").toUpperCase(),
                line.getString("text"), where);
    }

    private static String dollars(BigDecimal amount) {
        return amount == null ? "unlimited" : String.format(java.util.Locale.ROOT, "$%,.2f", amount);
    }

    private static String abbreviated(String hash) {
        return hash == null ? "-" : hash.substring(0, 12) + "…";
    }

    /**
     * The token a local {@code ./mvnw liberty:run} server wrote, looked for from the repository root or
     * asp-client/. A server on a new database writes it at its first operator call, which a refused one makes.
     */
    static String localOperatorToken(AspClient asp) {
        if (Files.notExists(Path.of("target/liberty/wlp/usr/servers/asp/operator-token"))
                && Files.notExists(Path.of("../target/liberty/wlp/usr/servers/asp/operator-token"))) {
            asp.operator("not-the-operator").call("POST", "/v1/asp/admin/service-keys/rotate", null);
        }
        for (String dir : new String[] {"target/liberty/wlp/usr/servers/asp", "../target/liberty/wlp/usr/servers/asp"}) {
            Path file = Path.of(dir, "operator-token");
            if (Files.exists(file)) {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no operator token: pass --operator-token, set ASP_OPERATOR_TOKEN, or start the server with "
                + "./mvnw liberty:run from the repository root (it writes target/liberty/wlp/usr/servers/asp/operator-token)");
    }

}
