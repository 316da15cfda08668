package dev.asp.infrastructure.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import jakarta.transaction.Transactional.TxType;

/**
 * A JTA transaction boundary with {@code jakarta.transaction.Transactional}'s meaning for
 * REQUIRED and MANDATORY (a RuntimeException rolls back, a checked one does not), kept
 * by {@link TransactionBoundary} instead of Liberty's interceptor. Liberty records an FFDC incident
 * for every RuntimeException that leaves its interceptor, and here most are refusals meant for the
 * client (unknown agent, invalid SCIM patch, stale version): 4xx answers, not failures of the
 * server. REQUIRES_NEW, whose suspension needs the container's transaction manager, stays with
 * {@code @Transactional} where nothing refused leaves it.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface InTransaction {
    @Nonbinding
    TxType value() default TxType.REQUIRED;
}
