using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// The HTTP contract generated from the endpoints themselves: <c>GET /openapi/v1.json</c> describes every
/// <c>/api/v1</c>, <c>/channels</c> and <c>/open311</c> route, and <c>/openapi</c> renders it for people.
/// The roles and the problem responses come from the same metadata the pipeline enforces, so the document
/// cannot promise what the silo refuses.
/// </summary>
public static class HotlineOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReaderPath = "/openapi";

    private static readonly string[] Described = ["api/v1", "channels", "open311"];

    public static IServiceCollection AddHotlineOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = d => d.RelativePath is { } path && Described.Any(p => path.StartsWith(p, StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HotlineDispatch",
                    Version = DocumentName,
                    Description = "The 12345 hotline dispatcher: intake, the ticket lifecycle, statistics, the grid, and the providers' webhooks. " +
                        "Staff routes take `Authorization: Bearer <token>` (or a console session); webhooks are authenticated by their provider's signature. " +
                        "Errors are RFC 9457 problem details whose `detail` says what to change.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A user's token; the admin token is generated into <DataDir>/admin-token on first start.",
                };

                // Runs after the operations: only the feature tags they were given remain, not the declaring types' names.
                var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                    .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
                document.Tags = document.Tags?.Where(t => used.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToHashSet();
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<RolesAndProblems>();
        });

    public static IEndpointRouteBuilder MapHotlineOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi("/openapi/{documentName}.json").DisableRateLimiting();
        routes.MapScalarApiReference(ReaderPath, o => o.WithTitle("HotlineDispatch API"))
            .DisableRateLimiting();
        return routes;
    }

    private const string Bearer = "bearer";

    /// <summary>Names who may call each operation and the problem responses every caller must expect.</summary>
    private sealed class RolesAndProblems(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
    {
        public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var path = context.Description.RelativePath ?? "";
            var roles = await RolesOf(metadata);
            var staff = roles is not null;
            if (staff)
            {
                operation.Description = Join(operation.Description, roles!.Count == 0
                    ? "Any signed-in user."
                    : $"Roles: {string.Join(", ", roles)}.");
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            }

            Tag(operation, context.Document!, path);
            var problem = await ProblemSchema(context, cancellationToken);
            operation.Responses ??= new OpenApiResponses();
            void Problem(int status, string why)
            {
                var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!operation.Responses.ContainsKey(key))
                {
                    operation.Responses[key] = new OpenApiResponse
                    {
                        Description = why,
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
                    };
                }
            }

            Problem(StatusCodes.Status400BadRequest, "The request cannot be read or a field is invalid; `detail` names the field.");
            if (staff)
            {
                Problem(StatusCodes.Status401Unauthorized, "No valid token or console session.");
                Problem(StatusCodes.Status403Forbidden, "The caller's role or scope does not allow this.");
            }
            else if (path.StartsWith("channels", StringComparison.Ordinal))
            {
                Problem(StatusCodes.Status403Forbidden, "The provider's signature does not match.");
                Problem(StatusCodes.Status413PayloadTooLarge, "The body is larger than the channel accepts.");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Problem(StatusCodes.Status404NotFound, "Nothing exists under that id.");
            }

            if (context.Description.HttpMethod is not "GET" && path.StartsWith("api/v1/tickets/", StringComparison.Ordinal))
            {
                Problem(StatusCodes.Status409Conflict, "The ticket's state does not allow this step now; `detail` says why.");
            }

            Problem(StatusCodes.Status429TooManyRequests, "Over the rate limit; retry after the Retry-After header.");
            Problem(StatusCodes.Status503ServiceUnavailable, "A silo is starting or has just died; nothing was done, a retry will succeed.");
        }

        /// <summary>Groups operations by feature: <c>api/v1/tickets/…</c> under "tickets", each provider's webhooks under its name.</summary>
        private static void Tag(OpenApiOperation operation, OpenApiDocument document, string path)
        {
            var segments = path.Split('/', '.');
            var name = segments[0] switch
            {
                "api" => segments[2],
                "channels" => $"channels/{segments[1]}",
                _ => segments[0],
            };
            document.Tags ??= new HashSet<OpenApiTag>();
            if (!document.Tags.Any(t => t.Name == name))
            {
                document.Tags.Add(new OpenApiTag { Name = name });
            }

            operation.Tags = new HashSet<OpenApiTagReference> { new(name, document) };
        }

        private static async Task<IOpenApiSchema> ProblemSchema(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            const string id = nameof(ProblemDetails);
            var document = context.Document!;
            if (document.Components?.Schemas?.ContainsKey(id) is not true)
            {
                document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
            }

            return new OpenApiSchemaReference(id, document);
        }

        /// <summary>Null for an endpoint anyone may call; empty for any signed-in user; else the roles allowed.</summary>
        private async Task<IReadOnlyList<string>?> RolesOf(IList<object> metadata)
        {
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return null;
            }

            var data = metadata.OfType<IAuthorizeData>().ToList();
            if (data.Count == 0)
            {
                return null;
            }

            var roles = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var item in data)
            {
                roles.UnionWith(item.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
                if (item.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
                {
                    roles.UnionWith(policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles));
                }
            }

            return roles.ToList();
        }

        private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : $"{first}\n\n{second}";
    }
}
