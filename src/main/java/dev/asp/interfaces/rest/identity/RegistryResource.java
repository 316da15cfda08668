package dev.asp.interfaces.rest.identity;

import dev.asp.domain.shared.Jsonp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.asp.application.identity.AgentDirectory;
import dev.asp.application.identity.AgentSearch;
import dev.asp.domain.shared.DomainException;
import dev.asp.domain.shared.JsonFields;
import dev.asp.interfaces.rest.QueryIntegers;
import dev.asp.interfaces.rest.auth.AcceptsCredentials;
import dev.asp.interfaces.rest.auth.CallerContext;
import dev.asp.interfaces.rest.auth.CredentialScheme;

/** Spec 3: registering agents (org admins) and finding them (public). */
@ApplicationScoped
@AcceptsCredentials(CredentialScheme.BEARER)
@Path("v1/asp/registry")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RegistryResource {
    static final int DEFAULT_LIMIT = 20;

    @Inject
    AgentDirectory directory;

    @Inject
    AgentSearch search;

    @Inject
    AgentProfiles profiles;

    @Inject
    CallerContext callers;

    @POST
    @Operation(summary = "Register an agent of the caller's org (admin); answers its profile and keys")
    public Response register(String body) {
        var admin = callers.requireAnyAdmin();
        JsonObject in = JsonFields.parseObject(body);
        List<JsonValue> keys = JsonFields.optionalArray(in, "publicKeys").map(a -> List.<JsonValue>copyOf(a)).orElse(List.of());
        var agent = directory.register(admin.orgId(), new AgentDirectory.Profile(JsonFields.string(in, "name"),
                JsonFields.optionalStrings(in, "capabilities").orElse(List.of()),
                JsonFields.optionalStrings(in, "regions").orElse(List.of()),
                JsonFields.optionalStrings(in, "protocols").orElse(List.of("asp/1.0")),
                JsonFields.optionalStrings(in, "endpoints").orElse(List.of()), keys, null, null), false);
        JsonArrayBuilder keyList = Jsonp.array();
        directory.keys(agent.id()).forEach(k -> keyList.add(IdentityViews.key(k)));
        return Response.status(201).entity(Jsonp.object(profiles.profile(agent)).add("keys", keyList).build()).build();
    }

    @GET
    // public, but a credential that comes along is checked, whichever kind it is
    @AcceptsCredentials({CredentialScheme.DPOP, CredentialScheme.BEARER})
    @Operation(summary = "Search agents: every capability must match (itself or below), best trust first, cursor paging")
    public JsonObject find(@QueryParam("capability") List<String> capabilities, @QueryParam("region") String region,
            @QueryParam("minTrustScore") String minTrustScore, @QueryParam("protocol") String protocol,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return page(search.search(new AgentSearch.Query(capabilities == null ? List.of() : capabilities, blank(region),
                minTrustScore == null ? null : decimal(minTrustScore, "minTrustScore"), blank(protocol),
                (int) QueryIntegers.of(limit, "limit", DEFAULT_LIMIT, 1, AgentSearch.MAX_LIMIT), blank(cursor))));
    }

    @POST
    @Path("search")
    // public, but a credential that comes along is checked, whichever kind it is
    @AcceptsCredentials({CredentialScheme.DPOP, CredentialScheme.BEARER})
    @Operation(summary = "Search agents with the same fields as JSON (capabilities an array, region a string)")
    public JsonObject searchJson(String body) {
        JsonObject in = JsonFields.parseObject(body);
        return page(search.search(new AgentSearch.Query(JsonFields.optionalStrings(in, "capabilities").orElse(List.of()),
                JsonFields.optionalString(in, "region").orElse(null),
                JsonFields.optionalNumber(in, "minTrustScore").orElse(null),
                JsonFields.optionalString(in, "protocol").orElse(null),
                JsonFields.optionalInteger(in, "limit").map(l -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l))).orElse(DEFAULT_LIMIT),
                JsonFields.optionalString(in, "cursor").orElse(null))));
    }

    private JsonObject page(AgentSearch.Page page) {
        JsonArrayBuilder agents = Jsonp.array();
        List<JsonObject> rendered = new ArrayList<>();
        page.hits().forEach(a -> rendered.add(profiles.profile(a)));
        rendered.forEach(agents::add);
        var b = Jsonp.object().add("agents", agents);
        if (page.next() == null) {
            b.addNull("next");
        } else {
            b.add("next", page.next());
        }
        return b.build();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static BigDecimal decimal(String s, String name) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw DomainException.malformed("\"" + name + "\" must be a number");
        }
    }


}
