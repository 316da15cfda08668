package dev.asp.domain.session;

/** Spec 4.5: INVITED -> CONVERSING -> AGREED -> EXECUTING -> CLOSED, plus ESCALATED (paused). */
public enum SessionState {
    INVITED, CONVERSING, AGREED, EXECUTING, ESCALATED, CLOSED
}
