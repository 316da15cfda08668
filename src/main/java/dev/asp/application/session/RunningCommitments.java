package dev.asp.application.session;

/**
 * Spec 4.5: whether any commitment of a session is still unsettled. The commitments service answers
 * it; sessions ask it without depending on that service (FULFILL and REJECT outlive a CLOSE, and
 * {@code maxDuration} closes nothing while commitments run).
 */
public interface RunningCommitments {
    boolean running(String sessionId);
}
