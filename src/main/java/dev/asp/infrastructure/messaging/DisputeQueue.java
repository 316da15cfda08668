package dev.asp.infrastructure.messaging;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

import dev.asp.application.dispute.DisputeFiled;

/**
 * Sends a dispute's id to {@code AspDisputes} once the transaction that wrote the dispute has
 * committed (spec 7): a rollback sends nothing, and a send that fails after commit is made good by
 * the sweeper ({@link dev.asp.infrastructure.timers.DisputeSweeper}).
 */
@ApplicationScoped
public class DisputeQueue {
    private static final Logger LOG = Logger.getLogger(DisputeQueue.class.getName());

    @Resource(lookup = "jms/aspConnectionFactory")
    ConnectionFactory factory;

    @Resource(lookup = "jms/aspDisputes")
    Queue queue;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) DisputeFiled filed) {
        send(filed.disputeId());
    }

    public void send(String disputeId) {
        try (JMSContext jms = factory.createContext()) {
            jms.createProducer().send(queue, disputeId);
        } catch (JMSRuntimeException e) {
            LOG.log(Level.WARNING, "dispute " + disputeId + " not enqueued; the sweeper enqueues it again", e);
        }
    }
}
