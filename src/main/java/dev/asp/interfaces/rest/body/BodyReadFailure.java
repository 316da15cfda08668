package dev.asp.interfaces.rest.body;

import java.io.IOException;
import java.net.SocketTimeoutException;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/** What a failed read of a request body answers: a stalled body is 408 (spec 10), never a 500. */
final class BodyReadFailure {
    private BodyReadFailure() {
    }

    static DomainException of(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new DomainException(ProblemCode.REQUEST_TIMEOUT, "the request body stalled; send it whole within the read timeout");
            }
        }
        return DomainException.malformed("the request body could not be read to its end");
    }
}
