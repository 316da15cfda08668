package dev.asp.domain.identity;

import dev.asp.domain.shared.Jsonp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.Ids;

/**
 * An autonomous agent acting for an organization (spec 1-3). Guards its own profile rules:
 * capability syntax, name length, and that a deprovisioned agent never comes back.
 */
@Entity
@Table(name = "agents")
public class Agent {
    /** Dotted lower-case segments: {@code compute.gpu.provision}. */
    public static final Pattern CAPABILITY = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern PROTOCOL = Pattern.compile("[A-Za-z0-9./_-]{1,64}");

    @Id
    private String id;
    @Column(name = "org_id", nullable = false)
    private String orgId;
    @Column(nullable = false)
    private String name;
    @Column(name = "external_id")
    private String externalId;
    @Column(nullable = false)
    private String status;
    @Column(name = "provisioned_by", nullable = false)
    private String provisionedBy;
    @Column(name = "trust_override")
    private String trustOverride;
    /** The score as of its last trust event or the daily timer: the registry's order (spec 3, 6). */
    @Column(name = "trust_score", nullable = false)
    private java.math.BigDecimal trustScore = java.math.BigDecimal.ZERO;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_capabilities", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "capability")
    private Set<String> capabilities = new TreeSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_regions", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "region")
    private Set<String> regions = new TreeSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "agent_protocols", joinColumns = @JoinColumn(name = "agent_id"))
    @Column(name = "protocol")
    private Set<String> protocols = new TreeSet<>();
    @Column(nullable = false)
    private String endpoints;
    @Column(nullable = false)
    private long version;
    // spec 2.4: AccountablePeople, column by column
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "given_name")
    private String givenName;
    @Column(name = "family_name")
    private String familyName;
    @Column(name = "formatted_name")
    private String formattedName;
    private String emails;
    private String organization;
    private String department;
    @Column(name = "manager_value")
    private String managerValue;
    @Column(name = "manager_ref")
    private String managerRef;
    @Column(name = "manager_display_name")
    private String managerDisplayName;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Agent() {
    }

    public Agent(String orgId, String name, boolean viaScim, Instant now) {
        this.id = Ids.newId("agt");
        this.orgId = orgId;
        this.status = AgentStatus.ACTIVE.wire();
        this.provisionedBy = viaScim ? "scim" : "registry";
        this.createdAt = now;
        this.updatedAt = now;
        this.version = 1;
        this.endpoints = "[]";
        this.protocols.add("asp/1.0");
        rename(name);
    }

    public void rename(String newName) {
        if (newName == null || newName.isBlank() || newName.length() > 200) {
            throw DomainException.malformed("\"name\" must be 1-200 characters");
        }
        this.name = newName;
    }

    public void describe(Collection<String> newCapabilities, Collection<String> newRegions, Collection<String> newProtocols,
            List<String> newEndpoints) {
        if (newCapabilities != null) {
            for (String c : newCapabilities) {
                if (c == null || c.length() > 200 || !CAPABILITY.matcher(c).matches()) {
                    throw DomainException.malformed("capability \"" + c + "\" is not dotted lower-case segments such as compute.gpu.provision");
                }
            }
            capabilities.clear();
            capabilities.addAll(newCapabilities);
        }
        if (newRegions != null) {
            for (String r : newRegions) {
                if (r == null || !REGION.matcher(r).matches()) {
                    throw DomainException.malformed("region \"" + r + "\" is not a region code");
                }
            }
            regions.clear();
            regions.addAll(newRegions);
        }
        if (newProtocols != null) {
            for (String p : newProtocols) {
                if (p == null || !PROTOCOL.matcher(p).matches()) {
                    throw DomainException.malformed("protocol \"" + p + "\" is not a protocol name such as asp/1.0");
                }
            }
            protocols.clear();
            protocols.addAll(newProtocols.isEmpty() ? List.of("asp/1.0") : newProtocols);
        }
        if (newEndpoints != null) {
            var array = Jsonp.array();
            for (String e : newEndpoints) {
                if (e == null || !(e.startsWith("https://") || e.startsWith("http://")) || e.length() > 2000) {
                    throw DomainException.malformed("endpoint \"" + e + "\" is not an http(s) URL");
                }
                array.add(e);
            }
            endpoints = array.build().toString();
        }
    }

    /** Replaces what the identity provider says about the agent's people (spec 2.4). */
    public void setPeople(AccountablePeople people) {
        displayName = people.displayName();
        AccountablePeople.PersonName n = people.name();
        givenName = n == null ? null : n.givenName();
        familyName = n == null ? null : n.familyName();
        formattedName = n == null ? null : n.formatted();
        JsonArrayBuilder list = Jsonp.array();
        for (AccountablePeople.Email e : people.emails()) {
            JsonObjectBuilder o = Jsonp.object().add("value", e.value());
            if (e.type() != null) {
                o.add("type", e.type());
            }
            if (e.primary() != null) {
                o.add("primary", e.primary());
            }
            list.add(o);
        }
        emails = people.emails().isEmpty() ? null : list.build().toString();
        organization = people.organization();
        department = people.department();
        AccountablePeople.Manager m = people.manager();
        managerValue = m == null ? null : m.value();
        managerRef = m == null ? null : m.ref();
        managerDisplayName = m == null ? null : m.displayName();
    }

    public AccountablePeople people() {
        AccountablePeople.PersonName name = givenName == null && familyName == null && formattedName == null ? null
                : new AccountablePeople.PersonName(givenName, familyName, formattedName);
        AccountablePeople.Manager manager = managerValue == null && managerRef == null && managerDisplayName == null ? null
                : new AccountablePeople.Manager(managerValue, managerRef, managerDisplayName);
        List<AccountablePeople.Email> list = new ArrayList<>();
        if (emails != null) {
            try (var reader = Jsonp.reader(emails)) {
                for (JsonValue v : reader.readArray()) {
                    JsonObject o = v.asJsonObject();
                    list.add(new AccountablePeople.Email(o.getString("value"), o.getString("type", null),
                            o.containsKey("primary") ? o.getBoolean("primary") : null));
                }
            }
        }
        return new AccountablePeople(displayName, name, list, organization, department, manager);
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public void changeStatus(AgentStatus next) {
        if (status() == AgentStatus.DEPROVISIONED && next != AgentStatus.DEPROVISIONED) {
            throw DomainException.conflict("a deprovisioned agent cannot be reactivated");
        }
        this.status = next.wire();
    }

    public void assignTrustOverride(String level) {
        this.trustOverride = level;
    }

    /** Records a change: bumps the SCIM ETag version. */
    public void touch(Instant now) {
        this.updatedAt = now;
        this.version++;
    }

    public boolean canAct() {
        return status() == AgentStatus.ACTIVE;
    }

    public boolean viaScim() {
        return "scim".equals(provisionedBy);
    }

    public String id() {
        return id;
    }

    public String orgId() {
        return orgId;
    }

    public String name() {
        return name;
    }

    public String externalId() {
        return externalId;
    }

    public AgentStatus status() {
        return AgentStatus.valueOf(status.toUpperCase());
    }

    public String trustOverride() {
        return trustOverride;
    }

    public java.math.BigDecimal trustScore() {
        return trustScore;
    }

    /** Not a profile change: neither the version (SCIM ETag) nor updatedAt move. */
    public void rank(java.math.BigDecimal score) {
        this.trustScore = score;
    }

    public Set<String> capabilities() {
        return new TreeSet<>(capabilities);
    }

    public Set<String> regions() {
        return new TreeSet<>(regions);
    }

    public Set<String> protocols() {
        return new TreeSet<>(protocols);
    }

    public String endpointsJson() {
        return endpoints;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
