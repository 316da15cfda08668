package dev.asp.interfaces.scim;

import jakarta.enterprise.context.RequestScoped;

/** The organization whose SCIM bearer token the request carries; every SCIM operation is scoped to it. */
@RequestScoped
public class ScimCaller {
    private String orgId;

    void set(String orgId) {
        this.orgId = orgId;
    }

    public String orgId() {
        if (orgId == null) {
            throw new ScimException(401, null, "credentials required: Authorization: Bearer <the organization's SCIM token>");
        }
        return orgId;
    }
}
