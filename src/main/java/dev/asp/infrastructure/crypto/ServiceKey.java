package dev.asp.infrastructure.crypto;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the service's Ed25519 signing keys; retired keys stay so old signatures verify. */
@Entity
@Table(name = "service_keys")
public class ServiceKey {
    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    @Id
    private String kid;
    @Column(name = "public_x", nullable = false)
    private String publicX;
    @Column(name = "private_seed", nullable = false)
    private String privateSeed;
    @Column(nullable = false)
    private String status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected ServiceKey() {
    }

    public static ServiceKey generate(Instant now) {
        ServiceKey k = new ServiceKey();
        byte[] seed = Ed25519.newSeed();
        PublicJwk jwk = PublicJwk.ed25519(Ed25519.publicKey(seed));
        k.kid = jwk.thumbprint();
        k.publicX = Base64Url.encode(Ed25519.publicKey(seed));
        k.privateSeed = Base64Url.encode(seed);
        k.status = ACTIVE;
        k.createdAt = now;
        return k;
    }

    public void retire(Instant now) {
        if (ACTIVE.equals(status)) {
            status = RETIRED;
            retiredAt = now;
        }
    }

    public String kid() {
        return kid;
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public String status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    public PublicJwk publicJwk() {
        return PublicJwk.ed25519(Base64Url.decode(publicX));
    }

    byte[] seed() {
        return Base64Url.decode(privateSeed);
    }
}
