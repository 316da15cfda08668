package dev.asp.client;

/** A participant of an INVITE (spec 4.2): an agent id and its role. */
public record Participant(String agent, String role) {
    public static Participant of(String agent, String role) {
        return new Participant(agent, role);
    }
}
