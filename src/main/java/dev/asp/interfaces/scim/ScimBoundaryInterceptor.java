package dev.asp.interfaces.scim;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Translates what {@link dev.asp.application.identity.AgentDirectory} refuses into SCIM errors, so
 * the service's problem-document mappers never answer under /scim/v2 (spec 10).
 */
@ScimBoundary
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ScimBoundaryInterceptor {

    @AroundInvoke
    Object translate(InvocationContext ctx) throws Exception {
        try {
            return ctx.proceed();
        } catch (RuntimeException e) {
            throw ScimErrors.translate(e);
        }
    }
}
