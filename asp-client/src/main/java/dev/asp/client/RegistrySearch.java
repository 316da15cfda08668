package dev.asp.client;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A registry query (spec 3): every capability must match (itself or below it), best trust first.
 * {@link #page(String)} answers one page; {@link #stream()} follows the cursors lazily.
 */
public final class RegistrySearch {
    /** One page: the profiles and the cursor of the next page (null on the last). */
    public record Page(List<JsonObject> agents, String next) {
    }

    private final AspClient client;
    private final List<String> capabilities = new ArrayList<>();
    private String region;
    private BigDecimal minTrustScore;
    private String protocol;
    private Integer limit;

    RegistrySearch(AspClient client) {
        this.client = client;
    }

    public RegistrySearch capability(String capability) {
        capabilities.add(capability);
        return this;
    }

    public RegistrySearch region(String region) {
        this.region = region;
        return this;
    }

    public RegistrySearch minTrustScore(BigDecimal score) {
        this.minTrustScore = score;
        return this;
    }

    public RegistrySearch protocol(String protocol) {
        this.protocol = protocol;
        return this;
    }

    /** Page size (the service's default when unset). */
    public RegistrySearch limit(int limit) {
        this.limit = limit;
        return this;
    }

    /** The page after {@code cursor} (null for the first). */
    public Page page(String cursor) {
        StringBuilder q = new StringBuilder("/v1/asp/registry?");
        capabilities.forEach(c -> param(q, "capability", c));
        if (region != null) {
            param(q, "region", region);
        }
        if (minTrustScore != null) {
            param(q, "minTrustScore", minTrustScore.toPlainString());
        }
        if (protocol != null) {
            param(q, "protocol", protocol);
        }
        if (limit != null) {
            param(q, "limit", limit.toString());
        }
        if (cursor != null) {
            param(q, "cursor", cursor);
        }
        JsonObject page = client.get(q.toString()).jsonOrThrow("registry search");
        List<JsonObject> agents = page.getJsonArray("agents").getValuesAs(JsonObject.class);
        JsonValue next = page.get("next");
        return new Page(agents, next instanceof jakarta.json.JsonString s ? s.getString() : null);
    }

    /** Every matching profile, fetching pages as they are consumed. */
    public Stream<JsonObject> stream() {
        Iterator<JsonObject> it = new Iterator<>() {
            private Page page = page(null);
            private int i;

            @Override
            public boolean hasNext() {
                while (i >= page.agents().size() && page.next() != null) {
                    page = page(page.next());
                    i = 0;
                }
                return i < page.agents().size();
            }

            @Override
            public JsonObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.agents().get(i++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static void param(StringBuilder q, String name, String value) {
        if (q.charAt(q.length() - 1) != '?') {
            q.append('&');
        }
        q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
