package dev.asp.domain.session;

import java.util.List;
import java.util.Optional;

/**
 * The answer to an admitted message or service event: the negotiation as it is once the message
 * is stored, the tokens the message consumed (4.2), what changed, and the system messages the
 * service must append after it, in order. Nothing changes until the service keeps {@link #next}.
 */
public record Decision(Negotiation next, long tokens, List<Effect> effects, List<SystemMessage> systemMessages) {

    public Decision {
        effects = List.copyOf(effects);
        systemMessages = List.copyOf(systemMessages);
    }

    public SessionState state() {
        return next.state();
    }

    public <T extends Effect> List<T> effects(Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Effect> Optional<T> effect(Class<T> type) {
        return effects(type).stream().findFirst();
    }

    public boolean changedNothing() {
        return effects.isEmpty() && systemMessages.isEmpty();
    }
}
