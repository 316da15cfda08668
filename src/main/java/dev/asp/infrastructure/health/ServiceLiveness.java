package dev.asp.infrastructure.health;

import java.lang.management.ManagementFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live unless the heap is nearly exhausted, where a restart is the cure. */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        boolean ok = heap.getMax() <= 0 || heap.getUsed() < heap.getMax() * 0.95;
        return HealthCheckResponse.named("heap").status(ok).withData("usedBytes", heap.getUsed()).build();
    }
}
