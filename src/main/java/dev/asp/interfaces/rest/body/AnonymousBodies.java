package dev.asp.interfaces.rest.body;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.identity.Caller;
import dev.asp.domain.shared.ProblemCode;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.problem.Problems;
import dev.asp.interfaces.scim.ScimMedia;

/**
 * Spec 10: the body of a request without credentials is read only after its headers were judged
 * (the authentication filters run first), and no further than 64 KiB: a larger declared length is
 * 413 before a byte is read. Such bodies are read by at most {@code ASP_ANONYMOUS_BODY_READS} threads
 * at once; further ones are 503 at once, so clients that start bodies and stall them hold a few
 * threads for the read timeout, not the pool the signed message path runs on (issue 27.3).
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 10)
public class AnonymousBodies implements ContainerRequestFilter, ContainerResponseFilter {
    public static final long LIMIT = 64 * 1024;
    private static final String PERMIT = "dev.asp.anonymousBodyPermit";

    @Inject
    CallerContext callers;

    @Inject
    @ConfigProperty(name = "ASP_ANONYMOUS_BODY_READS", defaultValue = "8")
    int concurrentReads;

    private volatile Semaphore permits;

    @Override
    public void filter(ContainerRequestContext request) {
        // SCIM callers are authenticated by their own pre-matching filter (they never reach here without a token)
        if (!(callers.caller() instanceof Caller.Anonymous) || ScimMedia.isScimPath(request.getUriInfo().getPath()) || !hasBody(request)) {
            return;
        }
        // getLength, not the header: over HTTP/2 the header can arrive repeated ("2013,2013")
        if (request.getLength() > LIMIT) {
            request.abortWith(Problems.response(ProblemCode.PAYLOAD_TOO_LARGE, BoundedBody.tooLarge(LIMIT).getMessage(),
                    request.getUriInfo().getRequestUri().getPath(), Map.of()));
            return;
        }
        Semaphore s = permits();
        if (!s.tryAcquire()) {
            request.abortWith(Problems.response(ProblemCode.UNAVAILABLE, "too many requests without credentials are sending their bodies; retry shortly",
                    request.getUriInfo().getRequestUri().getPath(), Map.of()));
            return;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        Runnable release = () -> {
            if (held.compareAndSet(true, false)) {
                s.release();
            }
        };
        request.setProperty(PERMIT, release);
        request.setEntityStream(new BoundedBody(request.getEntityStream(), LIMIT, release));
    }

    /** The permit goes back with the answer at the latest, whether or not the body was read or closed. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PERMIT) instanceof Runnable release) {
            release.run();
        }
    }

    private Semaphore permits() {
        Semaphore s = permits;
        if (s == null) {
            synchronized (this) {
                if (permits == null) {
                    permits = new Semaphore(Math.max(1, concurrentReads));
                }
                s = permits;
            }
        }
        return s;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() != 0 && (request.getLength() > 0 || request.hasEntity());
    }
}
