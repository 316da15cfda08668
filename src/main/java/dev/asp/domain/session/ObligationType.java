package dev.asp.domain.session;

/** Spec 5: what a commitment's debtor owes. */
public enum ObligationType {
    ACTION, DELIVERY, PAYMENT, INFORMATION;

    public String wire() {
        return name().toLowerCase();
    }
}
