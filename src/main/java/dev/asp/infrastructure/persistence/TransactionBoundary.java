package dev.asp.infrastructure.persistence;

import java.io.Serializable;
import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionalException;
import jakarta.transaction.UserTransaction;

/**
 * Keeps {@link InTransaction} boundaries: joins the caller's transaction (marking it rollback-only
 * when a RuntimeException passes), or for REQUIRED with none begins one and commits it, rolling back
 * on a RuntimeException or Error. There is no SUPPORTS: Liberty gives JPA a context only inside a
 * transaction or on the threads it runs requests on, so a read on a WebSocket or executor thread
 * needs a transaction of its own. What the method threw goes on to the caller unchanged; a commit
 * that fails is a {@link TransactionalException}, as from {@code @Transactional}.
 */
@InTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class TransactionBoundary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Status and rollback-only are legal anywhere, container-managed EJB transactions included. */
    @Resource
    transient TransactionSynchronizationRegistry registry;

    @Resource
    transient UserTransaction transactions;

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        if (registry.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            return joined(call);
        }
        TxType type = typeOf(call.getMethod());
        return switch (type) {
            case REQUIRED -> inNew(call);
            case MANDATORY -> throw new TransactionalException("a transaction is required",
                    new TransactionRequiredException(call.getMethod().toString()));
            default -> throw new IllegalStateException("@InTransaction(" + type + ") is not kept here; use @Transactional");
        };
    }

    static TxType typeOf(Method method) {
        InTransaction on = method.getAnnotation(InTransaction.class);
        if (on == null) {
            on = method.getDeclaringClass().getAnnotation(InTransaction.class);
        }
        return on == null ? TxType.REQUIRED : on.value();
    }

    private Object joined(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            registry.setRollbackOnly();
            throw e;
        }
    }

    private Object inNew(InvocationContext call) throws Exception {
        transactions.begin();
        Object result;
        try {
            result = call.proceed();
        } catch (RuntimeException | Error e) {
            rollBack(e);
            throw e;
        } catch (Exception checked) {
            commit();
            throw checked;
        }
        commit();
        return result;
    }

    private void commit() {
        try {
            if (transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                transactions.rollback();
                throw new TransactionalException("the transaction was marked for rollback", null);
            }
            transactions.commit();
        } catch (TransactionalException e) {
            throw e;
        } catch (Exception e) {
            throw new TransactionalException("the transaction did not commit: " + e, e);
        }
    }

    private void rollBack(Throwable cause) {
        try {
            transactions.rollback();
        } catch (IllegalStateException | SecurityException | SystemException e) {
            cause.addSuppressed(e);
        }
    }
}
