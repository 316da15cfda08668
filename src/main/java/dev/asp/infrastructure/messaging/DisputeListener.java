package dev.asp.infrastructure.messaging;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.application.dispute.DisputeInvestigation;

/**
 * The dispute queue's consumer (spec 7): reads the dispute id, has it investigated, nothing more. A failure rolls the delivery back for the messaging engine to redeliver;
 * after {@code maxRedeliveryCount} (server.xml) it moves the message to {@code AspDisputesFailed}, and
 * the last failing delivery counts {@code asp_disputes_poison_total}. Liberty binds it through
 * {@code jmsActivationSpec id="asp/asp/DisputeListener"}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "jms/aspDisputes")})
public class DisputeListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(DisputeListener.class.getName());

    @Inject
    DisputeInvestigation investigation;

    @Inject
    @Metric(name = "asp_disputes_poison_total", description = "Dispute messages that failed every delivery and went to AspDisputesFailed")
    Counter poison;

    @Inject
    @ConfigProperty(name = "ASP_DISPUTE_MAX_DELIVERIES", defaultValue = "5")
    int maxDeliveries;

    // Not in the delivery's XA transaction: the investigation commits its own database transaction, so
    // PostgreSQL needs no prepared transactions; a failure still makes the engine redeliver, and a
    // redelivery after a commit changes nothing (the dispute is no longer open).
    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text) || text.getText() == null || !text.getText().startsWith("dsp_")) {
                throw new IllegalArgumentException("not a dispute id: " + message);
            }
            investigation.investigate(text.getText());
        } catch (JMSException | RuntimeException e) {
            int delivery = deliveryCount(message);
            if (delivery >= maxDeliveries) {
                poison.inc();
                LOG.log(Level.SEVERE, "dispute message failed " + delivery + " deliveries; it goes to AspDisputesFailed", e);
            } else {
                LOG.log(Level.WARNING, "dispute message failed delivery " + delivery + "; it is redelivered", e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static int deliveryCount(Message m) {
        try {
            return m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }
}
