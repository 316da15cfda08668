package dev.asp.infrastructure.pubsub;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import dev.asp.domain.identity.CredentialsWithdrawn;
import dev.asp.domain.identity.AgentStatus;
import dev.asp.domain.identity.KeyStatus;

class CredentialNoticeTest {

    @Test
    void aRevokedKeyReachesAnotherServerAsHeardFromThere() {
        CredentialsWithdrawn revoked = CredentialsWithdrawn.key("agt_1", "kid-1", KeyStatus.REVOKED);
        CredentialsWithdrawn heard = CredentialNotice.decode("srv-b", CredentialNotice.encode("srv-a", revoked));
        assertEquals(revoked.heardFromAnotherServer(), heard);
        assertTrue(heard.elsewhere());
        assertEquals("the key kid-1 was revoked", heard.reason());
    }

    @Test
    void aSuspensionNamesNoKey() {
        CredentialsWithdrawn suspended = CredentialsWithdrawn.agent("agt_1", AgentStatus.SUSPENDED);
        String payload = CredentialNotice.encode("srv-a", suspended);
        assertFalse(payload.contains("\"k\""), payload);
        assertNull(CredentialNotice.decode("srv-b", payload).kid());
    }

    @Test
    void aServerSkipsItsOwnNotice() {
        assertNull(CredentialNotice.decode("srv-a", CredentialNotice.encode("srv-a", CredentialsWithdrawn.agent("agt_1", AgentStatus.SUSPENDED))));
    }

    @Test
    void somethingElseOnTheChannelIsNotANotice() {
        assertThrows(IllegalArgumentException.class, () -> CredentialNotice.decode("srv-b", "{\"o\":\"srv-a\"}"));
        assertThrows(IllegalArgumentException.class, () -> CredentialNotice.decode("srv-b", "not json"));
    }

    /** Spec 4.8: a key's withdrawal ends connections on that key only; the agent's ends them all, an API-key token's too. */
    @Test
    void aWithdrawalEndsTheCredentialsItNames() {
        CredentialsWithdrawn key = CredentialsWithdrawn.key("agt_1", "kid-1", KeyStatus.RETIRED);
        assertTrue(key.ends("kid-1"));
        assertFalse(key.ends("kid-2"));
        assertFalse(key.ends(null), "a token obtained with an API key stands on no registered key");
        CredentialsWithdrawn agent = CredentialsWithdrawn.agent("agt_1", AgentStatus.DEPROVISIONED);
        assertTrue(agent.ends("kid-1"));
        assertTrue(agent.ends(null));
    }
}
