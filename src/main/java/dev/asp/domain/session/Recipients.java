package dev.asp.domain.session;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.asp.domain.shared.DomainException;

/** Spec 4.1 {@code to}: agent ids or {@code role:<name>}; empty means every participant. */
final class Recipients {
    private static final String ROLE = "role:";

    private Recipients() {
    }

    /** The agents a message addresses; a role must be one a participant holds, an agent one who may read. */
    static Set<String> resolve(Negotiation n, List<String> to) {
        Set<String> agents = new LinkedHashSet<>();
        if (to.isEmpty()) {
            n.participants.values().forEach(p -> agents.add(p.agent()));
            return agents;
        }
        for (String entry : to) {
            if (entry.startsWith(ROLE)) {
                String role = entry.substring(ROLE.length());
                List<String> holders = n.participants.values().stream().filter(p -> p.role().equals(role))
                        .map(Participant::agent).toList();
                if (holders.isEmpty()) {
                    throw DomainException.protocol("\"to\" names role \"" + role + "\", which no participant holds");
                }
                agents.addAll(holders);
            } else if (n.canRead(entry)) {
                agents.add(entry);
            } else {
                throw DomainException.protocol("\"to\" names " + entry + ", who is not in this session");
            }
        }
        return agents;
    }
}
