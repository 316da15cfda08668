package dev.asp.domain.identity;

import java.math.BigDecimal;

/** An organization's policies (spec 1.1 PUT /orgs/{id}/policy); null thresholds mean "none". */
public record OrgPolicy(BigDecimal requireApprovalAbove, BigDecimal escalateDisputesAbove, boolean alwaysEscrow,
        BigDecimal minInviterTrust, BigDecimal minDirectionalScore) {

    public OrgPolicy {
        minInviterTrust = minInviterTrust == null ? BigDecimal.ZERO : minInviterTrust;
        minDirectionalScore = minDirectionalScore == null ? BigDecimal.ZERO : minDirectionalScore;
    }
}
