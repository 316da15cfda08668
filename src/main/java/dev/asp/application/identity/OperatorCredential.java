package dev.asp.application.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.infrastructure.crypto.Digests;
import dev.asp.infrastructure.crypto.Secrets;

/**
 * The operator's bootstrap credential (spec 1). {@code ASP_OPERATOR_TOKEN} wins; without it the
 * first server on a database generates one, stores only its hash and writes the secret once to
 * {@code operator-token} in the server's output directory (mode 0600), like an initial admin password.
 */
@ApplicationScoped
public class OperatorCredential {
    private static final Logger LOG = Logger.getLogger(OperatorCredential.class.getName());
    static final String TOKEN_FILE = "operator-token";

    @Inject
    @ConfigProperty(name = "ASP_OPERATOR_TOKEN")
    Optional<String> configured;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    private volatile byte[] expectedHash;

    @PostConstruct
    void init() {
        configured.filter(s -> !s.isBlank()).ifPresent(t -> expectedHash = hash(t));
    }

    // Operator calls are rare; the transaction covers the one-time generation on a new database.
    @Transactional
    public boolean matches(String presented) {
        byte[] expected = expectedHash != null ? expectedHash : storedHash();
        return expected != null && presented != null && MessageDigest.isEqual(expected, hash(presented));
    }

    private byte[] storedHash() {
        List<?> rows = em.createNativeQuery("SELECT operator_token_hash FROM service_state WHERE id = 1 FOR UPDATE").getResultList();
        Object stored = rows.isEmpty() ? null : rows.get(0);
        if (stored == null) {
            String token = Secrets.newSecret("opr");
            em.createNativeQuery("UPDATE service_state SET operator_token_hash = ?1 WHERE id = 1")
                    .setParameter(1, Secrets.hash(token)).executeUpdate();
            writeOnce(token);
            stored = Secrets.hash(token);
        }
        expectedHash = Digests.fromHex((String) stored);
        return expectedHash;
    }

    private static void writeOnce(String token) {
        Path file = Path.of(TOKEN_FILE).toAbsolutePath();
        try {
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
            LOG.warning(() -> "ASP_OPERATOR_TOKEN is not set: generated an operator token and wrote it to " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the generated operator token to " + file, e);
        }
    }

    private static byte[] hash(String token) {
        return Digests.sha256(token.getBytes(StandardCharsets.UTF_8));
    }
}
