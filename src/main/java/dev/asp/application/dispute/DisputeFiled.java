package dev.asp.application.dispute;

/** A dispute row was written; once its transaction commits, its id goes to the queue (spec 7). */
public record DisputeFiled(String disputeId) {
}
