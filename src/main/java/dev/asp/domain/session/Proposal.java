package dev.asp.domain.session;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An open PROPOSE or COUNTER (spec 4.3) with its resolved terms and the ACCEPTs it has received.
 * It becomes the agreement once every party other than its proposer has accepted (4.5).
 */
public record Proposal(long seq, Performative kind, String proposer, Terms terms, Set<String> accepts) {

    public Proposal {
        accepts = Collections.unmodifiableSet(new LinkedHashSet<>(accepts));
    }

    public List<String> parties() {
        return terms.parties();
    }

    /** Consensus (4.5): with two parties, one ACCEPT; with more, every party but the proposer. */
    public boolean agreed() {
        return parties().stream().filter(p -> !p.equals(proposer)).allMatch(accepts::contains);
    }

    Proposal acceptedBy(String agent) {
        Set<String> more = new LinkedHashSet<>(accepts);
        more.add(agent);
        return new Proposal(seq, kind, proposer, terms, more);
    }
}
