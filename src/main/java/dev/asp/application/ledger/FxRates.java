package dev.asp.application.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.asp.domain.shared.DomainException;

/** The operator's conversion rates to USD (spec 4.4, {@code ASP_FX_RATES=EUR=1.08,GBP=1.27}). */
@ApplicationScoped
public class FxRates {
    @Inject
    @ConfigProperty(name = "ASP_FX_RATES")
    Optional<String> configured;

    private final Map<String, BigDecimal> toUsd = new HashMap<>();

    @PostConstruct
    void init() {
        toUsd.put("USD", BigDecimal.ONE);
        configured.ifPresent(text -> {
            for (String pair : text.split(",")) {
                String[] kv = pair.trim().split("=");
                if (kv.length == 2 && kv[0].trim().matches("[A-Z]{3}")) {
                    toUsd.put(kv[0].trim(), new BigDecimal(kv[1].trim()));
                }
            }
        });
    }

    /** @throws DomainException protocol-violation for a currency without a configured rate */
    public BigDecimal toUsd(BigDecimal amount, String currency) {
        BigDecimal rate = toUsd.get(currency);
        if (rate == null) {
            throw DomainException.protocol("no conversion rate for currency " + currency + " (configure ASP_FX_RATES)");
        }
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
    }

    public boolean supports(String currency) {
        return toUsd.containsKey(currency);
    }
}
