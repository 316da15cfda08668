package dev.asp.interfaces.rest.body;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.ProblemCode;

/**
 * The body of a request that is not authenticated, read no further than its limit (spec 10: 64 KiB),
 * so a client without credentials cannot make the server hold megabytes for it. The permit of
 * {@link AnonymousBodies} it holds is returned when the body is closed.
 */
final class BoundedBody extends FilterInputStream {
    private final long limit;
    private final Runnable onClose;
    private long read;

    BoundedBody(InputStream in, long limit, Runnable onClose) {
        super(in);
        this.limit = limit;
        this.onClose = onClose;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            // one byte past the limit tells "exactly the limit" from "over it"
            n = super.read(b, off, (int) Math.min(len, limit - read + 1));
        } catch (IOException e) {
            throw BodyReadFailure.of(e);
        }
        if (n > 0) {
            read += n;
            if (read > limit) {
                throw tooLarge(limit);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int size = (int) Math.max(0, Math.min(n, 8192));
        return Math.max(0, read(new byte[size], 0, size));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            onClose.run();
        }
    }

    static DomainException tooLarge(long limit) {
        return new DomainException(ProblemCode.PAYLOAD_TOO_LARGE,
                "a request without credentials may carry at most " + limit + " bytes; authenticate first");
    }
}
