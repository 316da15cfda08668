package dev.asp.domain.commitment;

import java.util.Collection;
import java.util.Optional;

import dev.asp.domain.session.Outcome;

/** Spec 4.5: the outcome an executing session closes itself with once every commitment has settled. */
public final class SettledOutcome {
    private SettledOutcome() {
    }

    /**
     * {@code success} if all are fulfilled, {@code partial} if some are, {@code failure} if none;
     * empty while any is unsettled (a disputed one waits for its dispute), or when there are none.
     */
    public static Optional<Outcome> of(Collection<CommitmentStatus> statuses) {
        if (statuses.isEmpty() || !statuses.stream().allMatch(CommitmentStatus::settled)) {
            return Optional.empty();
        }
        long fulfilled = statuses.stream().filter(s -> s == CommitmentStatus.FULFILLED).count();
        return Optional.of(fulfilled == statuses.size() ? Outcome.SUCCESS : fulfilled > 0 ? Outcome.PARTIAL : Outcome.FAILURE);
    }
}
