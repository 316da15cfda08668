package dev.asp.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional.TxType;
import jakarta.transaction.TransactionalException;
import jakarta.transaction.UserTransaction;

import org.junit.jupiter.api.Test;

/** @InTransaction keeps @Transactional's meaning: what begins, commits, rolls back, and what the caller sees. */
class TransactionBoundaryTest {
    /** One JTA transaction at a time, as the container's would be, recording what was asked of it. */
    static final class Transactions implements UserTransaction, TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final List<String> calls = new ArrayList<>();

        private void asked(String call, int next) {
            calls.add(call);
            status = next;
        }

        @Override
        public void begin() {
            asked("begin", Status.STATUS_ACTIVE);
        }

        @Override
        public void commit() {
            asked("commit", Status.STATUS_NO_TRANSACTION);
        }

        @Override
        public void rollback() {
            asked("rollback", Status.STATUS_NO_TRANSACTION);
        }

        @Override
        public void setRollbackOnly() {
            asked("rollback-only", Status.STATUS_MARKED_ROLLBACK);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setTransactionTimeout(int seconds) {
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_NO_TRANSACTION ? null : "tx";
        }

        @Override
        public void putResource(Object key, Object value) {
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public boolean getRollbackOnly() {
            return status == Status.STATUS_MARKED_ROLLBACK;
        }
    }

    static class Service {
        @InTransaction
        void required() {
        }

        @InTransaction(TxType.MANDATORY)
        void mandatory() {
        }
    }

    final Transactions tx = new Transactions();
    final TransactionBoundary boundary = new TransactionBoundary();

    TransactionBoundaryTest() {
        boundary.registry = tx;
        boundary.transactions = tx;
    }

    Object call(String method, Callable<Object> body) throws Exception {
        Method m = Service.class.getDeclaredMethod(method);
        return boundary.around(new InvocationContext() {
            @Override
            public Object proceed() throws Exception {
                tx.calls.add("proceed");
                return body.call();
            }

            @Override
            public Method getMethod() {
                return m;
            }

            @Override
            public Object getTarget() {
                return null;
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[0];
            }

            @Override
            public void setParameters(Object[] params) {
            }

            @Override
            public Map<String, Object> getContextData() {
                return Map.of();
            }
        });
    }

    @Test
    void requiredBeginsAndCommitsAroundTheCall() throws Exception {
        assertEquals("done", call("required", () -> "done"));
        assertEquals(List.of("begin", "proceed", "commit"), tx.calls);
    }

    @Test
    void aRefusalRollsBackAndReachesTheCallerAsThrown() {
        IllegalArgumentException refusal = new IllegalArgumentException("unknown agent");
        IllegalArgumentException seen = assertThrows(IllegalArgumentException.class, () -> call("required", () -> {
            throw refusal;
        }));
        assertSame(refusal, seen);
        assertEquals(List.of("begin", "proceed", "rollback"), tx.calls);
    }

    @Test
    void aCheckedExceptionCommitsAsWithTransactional() {
        assertThrows(IOException.class, () -> call("required", () -> {
            throw new IOException("checked");
        }));
        assertEquals(List.of("begin", "proceed", "commit"), tx.calls);
    }

    @Test
    void aJoinedCallThatThrowsMarksTheCallersTransactionRollbackOnly() {
        tx.status = Status.STATUS_ACTIVE;
        assertThrows(IllegalStateException.class, () -> call("required", () -> {
            throw new IllegalStateException("conflict");
        }));
        assertEquals(List.of("proceed", "rollback-only"), tx.calls);
        assertTrue(tx.getRollbackOnly());
    }

    @Test
    void aJoinedCallThatReturnsLeavesTheTransactionToItsOwner() throws Exception {
        tx.status = Status.STATUS_ACTIVE;
        call("required", () -> null);
        assertEquals(List.of("proceed"), tx.calls);
        assertEquals(Status.STATUS_ACTIVE, tx.status);
    }

    @Test
    void mandatoryWithoutATransactionIsRefusedBeforeTheCall() {
        assertThrows(TransactionalException.class, () -> call("mandatory", () -> null));
        assertFalse(tx.calls.contains("proceed"));
    }

    @Test
    void aTransactionMarkedRollbackOnlyInsideIsRolledBackAndSaidSo() {
        assertThrows(TransactionalException.class, () -> call("required", () -> {
            tx.setRollbackOnly(); // an inner call failed and the outer one went on
            return null;
        }));
        assertEquals(List.of("begin", "proceed", "rollback-only", "rollback"), tx.calls);
    }
}
