package dev.asp.application.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.infrastructure.crypto.Secrets;
import dev.asp.infrastructure.persistence.InTransaction;
import dev.asp.infrastructure.persistence.SchemaMigrated;

/**
 * The operator's bootstrap credential (spec 1). {@code ASP_OPERATOR_TOKEN} wins. Without it (the
 * zero-set-up default) the server keeps a generated token whose secret sits in the file
 * {@code operator-token} in its output directory (mode 0600), like an initial admin password:
 * kept while that file matches the database, generated anew at start-up otherwise.
 */
@ApplicationScoped
public class OperatorCredential {
    private static final Logger LOG = Logger.getLogger(OperatorCredential.class.getName());
    static final String TOKEN_FILE = "operator-token";
    private static final Duration RECHECK = Duration.ofSeconds(10);

    @Inject
    @ConfigProperty(name = "ASP_OPERATOR_TOKEN")
    Optional<String> configured;

    @PersistenceContext(unitName = "asp")
    EntityManager em;

    @Inject
    Clock clock;

    private volatile String expectedHash;
    private volatile Instant loadedAt = Instant.EPOCH;

    /** Once at start-up, after the migrations. */
    @InTransaction
    public void initialize(@Observes SchemaMigrated migrated) {
        if (configuredToken().isPresent()) {
            return;
        }
        String stored = storedHash();
        Path file = Path.of(TOKEN_FILE).toAbsolutePath();
        String local = readFile(file);
        if (stored != null && local != null && stored.equals(Secrets.hash(local))) {
            return;
        }
        String token = Secrets.newSecret("opr");
        em.createNativeQuery("UPDATE service_state SET operator_token_hash = ?1 WHERE id = 1").setParameter(1, Secrets.hash(token)).executeUpdate();
        write(file, token);
        LOG.warning(() -> "ASP_OPERATOR_TOKEN is not set: generated an operator token; it is in " + file);
    }

    @InTransaction
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        String expected = configuredToken().map(Secrets::hash).orElseGet(this::cachedStoredHash);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                Secrets.hash(presented).getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<String> configuredToken() {
        return configured.filter(s -> !s.isBlank());
    }

    // Another server on the database may have generated the token: re-read it now and then.
    private String cachedStoredHash() {
        Instant now = clock.instant();
        if (expectedHash == null || now.isAfter(loadedAt.plus(RECHECK))) {
            expectedHash = storedHash();
            loadedAt = now;
        }
        return expectedHash;
    }

    private String storedHash() {
        List<?> rows = em.createNativeQuery("SELECT operator_token_hash FROM service_state WHERE id = 1").getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private static String readFile(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path file, String token) {
        try {
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the generated operator token to " + file, e);
        }
    }
}
