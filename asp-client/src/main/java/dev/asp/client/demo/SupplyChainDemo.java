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
import dev.asp.client.AspResponse;
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
 * INFORM, PROPOSE, ACCEPT), both COMMITs (a delivery, a payment conditioned on it and held in escrow), the delivery
 * claimed and confirmed, the escrow released, trust before and after, the transcript verified locally and the signed
 * session export verified offline. {@code --failure} runs the failure path instead: the delivery's deadline of a few
 * seconds passes, the delivery is breached, the payment cancelled and refunded, trust drops and a dispute opens by
 * itself. Within the limits new agents have (spec 6.3): the quantity is scaled to the agents' transaction ceiling, no
 * operator override; the one operator act is crediting the buyer's org so escrow can be held, and the output says so.
 *
 * <p>Usage: {@code SupplyChainDemo [--json] [--failure] [--base URL] [--operator-token TOKEN]}. The token
 * defaults to {@code ASP_OPERATOR_TOKEN}, else the {@code operator-token} file a local
 * {@code ./mvnw liberty:run} server writes.
 */
public final class SupplyChainDemo {
    static final String PRODUCT = "USB-C adapter";
    /** The seeds' order: 200 adapters. */
    static final int SEED_QUANTITY = 200;
    /** The failure run's delivery deadline: long enough to COMMIT both sides, short enough to watch it pass. */
    static final int FAILURE_DEADLINE_SECONDS = 8;
    private final AspClient asp;
    private final OperatorAdmin operator;
    private final Consumer<JsonObject> out;
    private OfflineVerifier offlineVerifier;
    private int step;

    /** Runs the offline verifier (asp-verify) on an export file and the JWKS file; answers its exit code (0: verified). */
    @FunctionalInterface
    public interface OfflineVerifier {
        int verify(Path export, Path jwks);
    }

    public SupplyChainDemo(AspClient asp, String operatorToken, Consumer<JsonObject> out) {
        this.asp = asp;
        this.operator = asp.operator(operatorToken);
        this.out = out;
    }

    /**
     * Verifies the signed export with {@code verifier} instead of printing the command (asp-verify is not a dependency of
     * the SDK, so the standalone demo prints the {@code java -jar asp-verify.jar} command; the IT passes the verifier).
     */
    public SupplyChainDemo offlineVerifier(OfflineVerifier verifier) {
        this.offlineVerifier = verifier;
        return this;
    }

    public static void main(String[] args) {
        boolean json = false;
        boolean failure = false;
        String base = Optional.ofNullable(System.getenv("ASP_BASE_URL")).orElse("http://localhost:9080");
        String token = System.getenv("ASP_OPERATOR_TOKEN");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--failure" -> failure = true;
                case "--base" -> base = args[++i];
                case "--operator-token" -> token = args[++i];
                default -> {
                    System.err.println("usage: SupplyChainDemo [--json] [--failure] [--base URL] [--operator-token TOKEN]");
                    System.exit(2);
                }
            }
        }
        PrintStream stdout = System.out;
        Consumer<JsonObject> printer = json ? line -> stdout.println(line) : line -> stdout.println(human(line));
        try {
            AspClient asp = new AspClient(base);
            SupplyChainDemo demo = new SupplyChainDemo(asp, token != null ? token : localOperatorToken(asp), printer);
            if (failure) {
                demo.runFailure();
            } else {
                demo.run();
            }
        } catch (AspProblemException e) {
            System.err.println("the service refused a step: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The success path: the negotiation, both COMMITs, escrow, delivery confirmed, payment released, trust, transcript and export. */
    public void run() {
        Deal deal = negotiate();
        JsonObject trustBefore = trust(deal, "before");
        escrowFunds(deal);
        String delivery = commitDelivery(deal, deal.deliverBy().toString(), "by " + deal.deliverBy());
        String payment = commitPayment(deal, delivery);
        held(deal);

        SentMessage claimed = deal.selling().fulfill(delivery, Json.createObjectBuilder().add("carrier", "DHL").add("tracking", "JD0146" + deal.run()).build());
        say("fulfill", "supplier", "claims delivery of " + deal.quantity() + " adapters (tracking JD0146" + deal.run() + "): " + delivery + " is "
                + status(deal, delivery), state(claimed).andThen(b -> b.add("commitment", delivery).add("status", status(deal, delivery))));
        SentMessage confirmed = deal.buying().fulfill(delivery, null);
        String paid = status(deal, payment);
        say("confirm", "procurement", "confirms the delivery: " + delivery + " is " + status(deal, delivery) + ", so the conditioned payment "
                + payment + " is " + paid, state(confirmed).andThen(b -> b.add("commitment", delivery).add("status", status(deal, delivery))
                        .add("payment", payment).add("paymentStatus", paid)));
        JsonObject buyerLedger = ledger(deal.buyerOrg());
        JsonObject sellerLedger = ledger(deal.supplierOrg());
        say("released", "service", "escrow released: " + deal.supplierOrg().getString("name") + " balance " + money(sellerLedger, "balance") + "; "
                + deal.buyerOrg().getString("name") + " balance " + money(buyerLedger, "balance") + ", held " + money(buyerLedger, "held"),
                b -> b.add("amount", deal.total()).add("supplierBalance", sellerLedger.getString("balance"))
                        .add("buyerBalance", buyerLedger.getString("balance")).add("buyerHeld", buyerLedger.getString("held")));
        closed(deal);
        trustChange(deal, trustBefore);
        verifyTranscript(deal);
        exportVerified(deal);
    }

    /** The failure path (a second run, {@code --failure}): a delivery deadline of seconds passes unmet. */
    public void runFailure() {
        Deal deal = negotiate();
        JsonObject trustBefore = trust(deal, "before");
        escrowFunds(deal);
        Instant deadline = Instant.now().plusSeconds(FAILURE_DEADLINE_SECONDS).truncatedTo(ChronoUnit.SECONDS);
        String delivery = commitDelivery(deal, deadline.toString(), "within " + FAILURE_DEADLINE_SECONDS + " s (by " + deadline + ")");
        String payment = commitPayment(deal, delivery);
        held(deal);

        JsonObject breached = await(() -> commitment(deal, delivery), c -> "breached".equals(c.getString("status")), 60,
                "the delivery " + delivery + " was not breached within 60 s of its deadline");
        String paymentStatus = status(deal, payment);
        say("breached", "service", "the deadline passed without a delivery: " + delivery + " is breached (cause "
                + breached.getJsonArray("history").getJsonObject(breached.getJsonArray("history").size() - 1).getString("cause")
                + "); the conditioned payment " + payment + " is " + paymentStatus,
                b -> b.add("commitment", delivery).add("status", breached.getString("status")).add("payment", payment).add("paymentStatus", paymentStatus));
        JsonObject buyerLedger = ledger(deal.buyerOrg());
        JsonObject sellerLedger = ledger(deal.supplierOrg());
        say("refunded", "service", "escrow refunded: " + deal.buyerOrg().getString("name") + " balance " + money(buyerLedger, "balance") + ", held "
                + money(buyerLedger, "held") + "; " + deal.supplierOrg().getString("name") + " balance " + money(sellerLedger, "balance"),
                b -> b.add("amount", deal.total()).add("buyerBalance", buyerLedger.getString("balance")).add("buyerHeld", buyerLedger.getString("held"))
                        .add("supplierBalance", sellerLedger.getString("balance")));
        closed(deal);
        trustChange(deal, trustBefore);
        JsonObject dispute = await(() -> disputeOver(deal, delivery), d -> d != null, 60, "no automatic dispute over " + delivery + " within 60 s");
        say("dispute", "service", "opened dispute " + dispute.getString("id") + " automatically (origin " + dispute.getString("origin") + ") over "
                + delivery + ": " + dispute.getString("status") + (dispute.containsKey("atFault") && !dispute.isNull("atFault")
                        ? ", at fault " + dispute.getString("atFault") : ""),
                b -> b.add("dispute", dispute.getString("id")).add("origin", dispute.getString("origin")).add("status", dispute.getString("status"))
                        .add("commitment", dispute.getString("commitment")));
        verifyTranscript(deal);
    }

    /** Both runs' common part: discovery, orgs, agents, registry, the over-ceiling refusal and the six-message negotiation. */
    private record Deal(String run, JsonObject buyerOrg, JsonObject supplierOrg, AspAgent procurement, AspAgent supplier, Session buying,
            Session selling, long agreementSeq, String total, int quantity, Instant deliverBy) {
    }

    private Deal negotiate() {
        JsonObject config = asp.configuration();
        say("discovery", "demo", "the service speaks ASP " + config.getString("version") + ", " + config.getJsonArray("performatives").size()
                + " performatives, " + config.getString("canonicalization") + " + " + config.getJsonArray("signatureAlgorithms").getString(0),
                b -> b.add("version", config.getString("version")));

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

        return new Deal(run, buyerOrg, supplierOrg, procurement, supplier, buying, selling, agreement.getJsonNumber("seq").longValue(), total,
                quantity, deliverBy);
    }

    private JsonObject trust(Deal deal, String when) {
        JsonObject t = deal.supplier().get("/v1/asp/trust/" + deal.supplier().id());
        say("trust", "supplier", "trust " + when + ": " + t.getJsonNumber("score") + " (" + t.getString("level") + ")",
                b -> b.add("when", when).add("score", t.getJsonNumber("score").bigDecimalValue()).add("level", t.getString("level")));
        return t;
    }

    private void trustChange(Deal deal, JsonObject before) {
        JsonObject after = deal.supplier().get("/v1/asp/trust/" + deal.supplier().id());
        BigDecimal was = before.getJsonNumber("score").bigDecimalValue();
        BigDecimal now = after.getJsonNumber("score").bigDecimalValue();
        say("trust", "supplier", "trust after: " + now + " (" + after.getString("level") + "), " + (now.compareTo(was) >= 0 ? "up " : "down ")
                + now.subtract(was).abs() + " from " + was, b -> b.add("when", "after").add("score", now).add("level", after.getString("level"))
                        .add("change", now.subtract(was)));
    }

    /** New orgs hold $0.00; escrow needs the buyer's org to cover the payment, so the operator tops it up — said, not hidden. */
    private void escrowFunds(Deal deal) {
        operator.credit(deal.buyerOrg().getString("id"), deal.total(), "USD");
        JsonObject ledger = ledger(deal.buyerOrg());
        say("credit", "operator", "credited " + deal.buyerOrg().getString("name") + " with " + dollars(new BigDecimal(deal.total()))
                + " (an operator top-up: a new org starts at $0.00 and escrow needs funds); balance " + money(ledger, "balance"),
                b -> b.add("amount", deal.total()).add("balance", ledger.getString("balance")));
    }

    private String commitDelivery(Deal deal, String deadline, String when) {
        SentMessage m = deal.selling().commit(deal.agreementSeq(), Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "delivery")
                .add("creditor", deal.procurement().id()).add("description", "Deliver " + deal.quantity() + " USB-C adapters").add("deadline", deadline))
                .build());
        JsonObject c = m.reply().getJsonArray("commitments").getJsonObject(0);
        say("commit", "supplier", "commits to deliver " + deal.quantity() + " adapters " + when + ": " + c.getString("id") + " " + c.getString("status"),
                state(m).andThen(b -> b.add("commitment", c.getString("id")).add("type", "delivery").add("status", c.getString("status"))
                        .add("deadline", c.getString("deadline"))));
        return c.getString("id");
    }

    private String commitPayment(Deal deal, String delivery) {
        String total = dollars(new BigDecimal(deal.total()));
        SentMessage m = deal.buying().commit(deal.agreementSeq(), Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "payment")
                .add("creditor", deal.supplier().id()).add("description", "Pay " + total + " upon confirmed delivery").add("amount", deal.total())
                .add("condition", delivery + " fulfilled")).build());
        JsonObject c = m.reply().getJsonArray("commitments").getJsonObject(0);
        say("commit", "procurement", "commits to pay " + total + " upon confirmed delivery (condition: " + c.getString("condition") + "): "
                + c.getString("id") + " " + c.getString("status"), state(m).andThen(b -> b.add("commitment", c.getString("id")).add("type", "payment")
                        .add("status", c.getString("status")).add("amount", deal.total())));
        return c.getString("id");
    }

    private void held(Deal deal) {
        JsonObject ledger = ledger(deal.buyerOrg());
        say("escrow", "service", "holds " + money(ledger, "held") + " in escrow from " + deal.buyerOrg().getString("name") + "; its balance is "
                + money(ledger, "balance"), b -> b.add("held", ledger.getString("held")).add("balance", ledger.getString("balance")));
    }

    private void closed(Deal deal) {
        JsonObject view = deal.buying().fetch();
        String outcome = view.getString("outcome", "-");
        say("closed", "service", "the session closed itself: outcome " + outcome,
                b -> b.add("state", view.getString("state")).add("seq", deal.buying().headSeq()).add("outcome", outcome));
    }

    private void verifyTranscript(Deal deal) {
        List<JsonObject> transcript = deal.buying().transcript();
        TranscriptVerifier.Result local = new TranscriptVerifier().key(deal.procurement().key()).key(deal.supplier().key()).jwks(asp.jwks())
                .verify(transcript);
        JsonObject server = deal.buying().verifyOnServer();
        say("verified", "procurement", (local.valid() ? "transcript verified locally: " : "transcript BROKEN at seq " + local.brokenSeq() + " ("
                + local.reason() + "): ") + local.messages() + " messages, every hash, link and signature; head " + abbreviated(local.head())
                + (server.getBoolean("valid") && server.getString("head").equals(local.head()) ? ", the service agrees" : ", the service disagrees"),
                b -> {
                    b.add("valid", local.valid()).add("messages", local.messages()).add("serverValid", server.getBoolean("valid"));
                    if (local.head() != null) {
                        b.add("head", local.head());
                    }
                });
    }

    /**
     * Spec 8: the buyer org's auditor fetches the signed session export; it and the service's JWKS are written to a temp
     * directory for the offline verifier, run here when one was given, else printed as the command to run.
     */
    private void exportVerified(Deal deal) {
        AspResponse r = asp.orgAdmin(deal.buyerOrg().getString("auditorApiKey")).call("GET", "/v1/asp/audit/sessions/" + deal.buying().id()
                + "/export", null);
        if (!r.ok()) {
            r.jsonOrThrow("session export");
        }
        Path export;
        Path jwks;
        try {
            Path dir = Files.createTempDirectory("asp-demo-export");
            export = Files.writeString(dir.resolve(deal.buying().id() + ".jws"), r.body(), StandardCharsets.US_ASCII);
            jwks = Files.writeString(dir.resolve("jwks.json"), asp.jwks().toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = "java -jar asp-verify/target/asp-verify.jar " + export + " --jwks " + jwks;
        if (offlineVerifier == null) {
            say("export", "auditor", "signed session export (" + r.body().length() + " bytes) written to " + export + "; verify it offline with: "
                    + command, b -> b.add("export", export.toString()).add("jwks", jwks.toString()).add("command", command));
            return;
        }
        int exit = offlineVerifier.verify(export, jwks);
        say("export", "auditor", "signed session export (" + r.body().length() + " bytes) " + (exit == 0 ? "verified offline" : "FAILED offline verification")
                + " by asp-verify (exit " + exit + "); the same check by hand: " + command,
                b -> b.add("export", export.toString()).add("jwks", jwks.toString()).add("command", command).add("verifiedOffline", exit == 0));
    }

    private JsonObject ledger(JsonObject org) {
        return operator.call("GET", "/v1/asp/orgs/" + org.getString("id") + "/ledger", null).jsonOrThrow("ledger");
    }

    private JsonObject commitment(Deal deal, String id) {
        return deal.procurement().get("/v1/asp/commitments/" + id);
    }

    private String status(Deal deal, String id) {
        return commitment(deal, id).getString("status");
    }

    private JsonObject disputeOver(Deal deal, String commitment) {
        return deal.procurement().get("/v1/asp/disputes?agent=" + deal.procurement().id()).getJsonArray("disputes").getValuesAs(JsonObject.class)
                .stream().filter(d -> commitment.equals(d.getString("commitment", null))).findFirst().orElse(null);
    }

    /** Polls twice a second: deadlines, breaches and automatic disputes happen on the service's timers. */
    private static JsonObject await(java.util.function.Supplier<JsonObject> read, java.util.function.Predicate<JsonObject> done, int seconds,
            String failure) {
        for (int i = 0; i < seconds * 2; i++) {
            JsonObject value = read.get();
            if (done.test(value)) {
                return value;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
        throw new IllegalStateException(failure);
    }

    private static String money(JsonObject ledger, String field) {
        return dollars(new BigDecimal(ledger.getString(field)));
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
    public static String human(JsonObject line) {
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
