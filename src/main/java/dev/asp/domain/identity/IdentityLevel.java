package dev.asp.domain.identity;

/** Spec 2.2: how strongly an agent's identity is established, and the IV trust component it yields. */
public enum IdentityLevel {
    API_KEY(10), KEY_BOUND(40), ORG_VERIFIED(70), ENTERPRISE_SCIM(100);

    private final int score;

    IdentityLevel(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    public String wire() {
        return name().toLowerCase();
    }

    /** The level of an agent that authenticates with a registered key through DPoP. */
    public static IdentityLevel ofKeyBound(boolean scimProvisioned, boolean orgVerified) {
        if (scimProvisioned) {
            return ENTERPRISE_SCIM;
        }
        return orgVerified ? ORG_VERIFIED : KEY_BOUND;
    }
}
