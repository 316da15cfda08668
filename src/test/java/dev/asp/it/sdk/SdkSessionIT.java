package dev.asp.it.sdk;

import static dev.asp.it.support.Asp.newOrg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.asp.client.AspAgent;
import dev.asp.client.AspClient;
import dev.asp.client.AspProblemException;
import dev.asp.client.Participant;
import dev.asp.client.SentMessage;
import dev.asp.client.Session;
import dev.asp.client.Terms;
import dev.asp.client.TranscriptVerifier;
import dev.asp.it.support.AspServer;

/** The SDK's session handling through the running server: stale heads, typed refusals, paging, verification. */
class SdkSessionIT {
    static String adminA;
    static String adminB;

    @BeforeAll
    static void orgs() {
        adminA = newOrg(true).getString("adminApiKey");
        adminB = newOrg(false).getString("adminApiKey");
    }

    @Test
    void aStaleHeadIsResignedOnTheHeadTheRefusalNames() {
        AspAgent buyer = SdkAgents.agent(adminA, true);
        AspAgent seller = SdkAgents.agent(adminB, true);
        Session buying = buyer.openSession("stale heads", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        assertEquals(1, buying.headSeq());
        seller.session(buying.id()).accept(1, "joining"); // seq 2, and the service's introduction seq 3: buying's head is stale
        SentMessage q = buying.query("still there?");
        assertEquals(4, q.seq(), "re-signed on seq 3");
        assertTrue(q.created());
        assertEquals("CONVERSING", q.state());
        assertEquals(q.hash(), buying.fetch().getJsonObject("head").getString("hash"));
    }

    @Test
    void withoutRetriesTheStaleHeadIsATypedRefusalAndNothingIsStored() {
        AspAgent buyer = SdkAgents.agent(adminA, true);
        AspAgent seller = SdkAgents.agent(adminB, true);
        Session buying = buyer.openSession("no retries", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        seller.session(buying.id()).accept(1, "joining");
        buying.maxStaleRetries(0);
        AspProblemException e = assertThrows(AspProblemException.class, () -> buying.query("too late"));
        assertEquals(409, e.status());
        assertEquals("stale-head", e.code());
        assertEquals(3, e.document().getJsonObject("head").getInt("seq"));
        assertFalse(e.detail().isBlank());
        assertEquals(3, seller.session(buying.id()).fetch().getJsonObject("head").getInt("seq"), "nothing stored");
    }

    @Test
    void aProposalAboveTheProbationCeilingIsATrustCeilingRefusal() {
        AspAgent buyer = SdkAgents.agent(adminA, false);
        AspAgent seller = SdkAgents.agent(adminB, false);
        Session buying = buyer.openSession("ceiling", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        seller.session(buying.id()).accept(1, "joining");
        AspProblemException e = assertThrows(AspProblemException.class, () -> buying.propose(Terms.of("USB-C adapter", 200, "8.50", "unit")));
        assertEquals(403, e.status());
        assertEquals("trust-ceiling", e.code());
        SentMessage within = buying.propose(Terms.of("USB-C adapter", 10, "8.50", "unit"));
        assertEquals("85.00", within.envelope().getJsonObject("body").getJsonObject("terms").getString("total"));
    }

    @Test
    void theTranscriptVerifiesLocallyWithTheAgentsAndTheServicesKeys() {
        AspAgent buyer = SdkAgents.agent(adminA, true);
        AspAgent seller = SdkAgents.agent(adminB, true);
        Session buying = buyer.openSession("verify", null, Participant.of(buyer.id(), "buyer"), Participant.of(seller.id(), "seller"));
        Session selling = seller.session(buying.id());
        selling.accept(1, "joining");
        SentMessage p = buying.propose(Terms.of("GPU hours", 1000, "2.55", "hour"));
        selling.accept(p.seq(), "deal");
        List<JsonObject> transcript = buying.transcript();
        AspClient asp = buyer.client();
        TranscriptVerifier.Result r = new TranscriptVerifier().key(buyer.key()).key(seller.key()).jwks(asp.jwks()).verify(transcript);
        assertTrue(r.valid(), r::toString);
        assertEquals(5, r.messages(), "INVITE, ACCEPT, introduction, PROPOSE, ACCEPT");
        assertEquals(buying.verifyOnServer().getString("head"), r.head());
        TranscriptVerifier.Result withoutService = new TranscriptVerifier().key(buyer.key()).key(seller.key()).verify(transcript);
        assertFalse(withoutService.valid(), "the system message is signed by the service's key");
        assertEquals(3L, withoutService.brokenSeq());
    }

    @Test
    void registrySearchFollowsTheCursorAcrossPages() {
        String capability = "sdk.paging.c" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            SdkAgents.agent(adminA, false, capability);
        }
        AspClient asp = new AspClient(AspServer.baseUrl());
        var first = asp.registry().capability(capability).limit(2).page(null);
        assertEquals(2, first.agents().size());
        assertTrue(first.next() != null, "a full page has a cursor");
        assertEquals(3, asp.registry().capability(capability).limit(2).stream().map(a -> a.getString("id")).distinct().count());
    }

    @Test
    void aScimProvisionedAgentLogsInWithItsKeyAtTheEnterpriseLevel() {
        JsonObject org = newOrg(true);
        AspClient asp = new AspClient(AspServer.baseUrl());
        AspAgent agent = asp.scim(org.getString("scimToken")).provision("sdk-scim-" + UUID.randomUUID(), "idp-" + UUID.randomUUID(),
                dev.asp.client.AgentKey.generate(), List.of("sdk.scim"), List.of("eu-west"));
        assertEquals("enterprise_scim", agent.get("/v1/asp/agents/" + agent.id()).getString("identityLevel"));
        assertTrue(agent.tokenExpiresAt().isAfter(java.time.Instant.now()));
    }
}
