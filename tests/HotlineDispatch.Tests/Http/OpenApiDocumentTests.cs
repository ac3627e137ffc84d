using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotlineDispatch.Tests.Infrastructure;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace HotlineDispatch.Tests.Http;

/// <summary>The generated contract describes exactly the routes the app maps, with who may call them and how they fail.</summary>
public sealed partial class OpenApiDocumentTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] Public = ["/api/v1", "/channels", "/open311"];

    private async Task<JsonElement> Document()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private IEnumerable<(string Path, RouteEndpoint Endpoint)> PublicEndpoints() =>
        api.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "}").TrimEnd('/'), Endpoint: e))
            .Where(e => Public.Any(p => e.Path.StartsWith(p, StringComparison.Ordinal)));

    private static IEnumerable<string> Operations(string path, RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {path}");

    [Fact]
    public async Task The_document_lists_every_mapped_route_and_method_of_the_public_api_and_nothing_else()
    {
        var mapped = PublicEndpoints().SelectMany(e => Operations(e.Path, e.Endpoint)).ToHashSet();

        var documented = (await Document()).GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .ToHashSet();

        Assert.True(mapped.Count > 60, $"only {mapped.Count} routes found");
        Assert.Empty(mapped.Except(documented).Order());
        Assert.Empty(documented.Except(mapped).Order());
    }

    [Fact]
    public async Task Staff_operations_name_their_roles_and_their_problem_responses_and_webhooks_their_signature_refusal()
    {
        var paths = (await Document()).GetProperty("paths");

        var sign = paths.GetProperty("/api/v1/tickets/{id}/sign").GetProperty("post");
        Assert.Contains("department", sign.GetProperty("description").GetString());
        Assert.DoesNotContain("leader", sign.GetProperty("description").GetString());
        foreach (var status in new[] { "400", "401", "403", "404", "409", "429" })
        {
            Assert.True(sign.GetProperty("responses").TryGetProperty(status, out var response), status);
            Assert.Equal("#/components/schemas/ProblemDetails",
                response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        }

        Assert.Equal("tickets", sign.GetProperty("tags")[0].GetString());
        Assert.True(sign.TryGetProperty("requestBody", out _));
        Assert.Equal("#/components/schemas/TicketView", Schema(sign, "200"));
        Assert.Equal("#/components/schemas/TicketView", Schema(paths.GetProperty("/api/v1/tickets").GetProperty("post"), "201"));
        Assert.Contains("ListPage", Schema(paths.GetProperty("/api/v1/tickets").GetProperty("get"), "200"));

        var sms = paths.GetProperty("/channels/twilio/sms").GetProperty("post");
        Assert.True(sms.GetProperty("responses").TryGetProperty("403", out _));
        Assert.False(sms.GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(sms.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Every_operation_declares_its_success_response_with_a_schema_for_json_and_its_problem_responses()
    {
        var document = await Document();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var missing = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                var success = responses.Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    missing.Add($"{name}: no success response");
                }

                // An undeclared answer shows as a bare 200: only 204 may say nothing about its body.
                foreach (var response in success.Where(r => r.Name != "204"))
                {
                    if (!response.Value.TryGetProperty("content", out var content))
                    {
                        missing.Add($"{name}: {response.Name} has no content type");
                    }
                    else if (content.TryGetProperty("application/json", out var json) && !HasShape(json, schemas))
                    {
                        missing.Add($"{name}: {response.Name} has no schema");
                    }
                }

                var refusals = responses.Select(r => r.Name).ToHashSet();
                var expected = new List<string> { "400" };
                if (operation.Value.TryGetProperty("security", out _)) expected.AddRange(["401", "403"]);
                if (path.Name.Contains('{', StringComparison.Ordinal)) expected.Add("404");
                missing.AddRange(expected.Where(s => !refusals.Contains(s)).Select(s => $"{name}: no {s}"));
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// A schema says what the body holds: its properties (or, for a map, its values), the shape of an array's items, or
    /// a scalar type. A bare <c>{}</c> or an object without properties is what an untyped answer turns into.
    /// </summary>
    private static bool HasShape(JsonElement media, JsonElement schemas) =>
        media.TryGetProperty("schema", out var schema) && Shaped(schema, schemas);

    private static bool Shaped(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Shaped(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), schemas);
        }

        foreach (var combined in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combined, out var parts))
            {
                return parts.EnumerateArray().Any(p => Shaped(p, schemas));
            }
        }

        if (schema.TryGetProperty("items", out var items)) return Shaped(items, schemas);
        if (schema.TryGetProperty("properties", out var properties)) return properties.EnumerateObject().Any();
        if (schema.TryGetProperty("additionalProperties", out _)) return true;
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray()
            : [type.GetString()];
        return types.Any(t => t is not ("null" or "object" or "array"));
    }

    /// <summary>
    /// A handler answering a bare <see cref="IResult"/> says nothing of its body, so its route's contract holds only
    /// what was declared by hand. Only an answer a typed JSON result cannot carry may be one: a provider's TwiML, XML
    /// or text, or a body whose format the request picks (Open311), each declared with its content type.
    /// </summary>
    [Fact]
    public void Every_handler_answering_json_only_returns_a_typed_result()
    {
        var untyped = new List<string>();
        foreach (var (path, endpoint) in PublicEndpoints())
        {
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            Assert.NotNull(handler);
            var answer = handler.ReturnType is { IsGenericType: true } wrapped
                && wrapped.GetGenericTypeDefinition() is var definition && (definition == typeof(Task<>) || definition == typeof(ValueTask<>))
                ? wrapped.GetGenericArguments()[0]
                : handler.ReturnType;
            var notJson = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Where(m => m.StatusCode is >= 200 and < 300)
                .SelectMany(m => m.ContentTypes)
                .Any(c => !c.StartsWith("application/json", StringComparison.Ordinal));
            if (answer == typeof(IResult) && !notJson)
            {
                untyped.AddRange(Operations(path, endpoint));
            }
        }

        Assert.True(untyped.Count == 0, "Handlers answering a bare IResult:\n" + string.Join("\n", untyped.Order()));
    }

    [Fact]
    public async Task A_readable_rendering_of_the_document_is_served_from_the_silo_itself()
    {
        var page = await api.CreateClient().GetStringAsync("/openapi/");
        Assert.Contains("scalar.js", page);
        var script = await api.CreateClient().GetAsync("/openapi/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static string? Schema(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString();

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();
}
