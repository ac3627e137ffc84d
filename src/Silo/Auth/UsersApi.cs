using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Auth;

/// <summary><c>/api/v1/users</c>: an admin manages the users who sign in with tokens.</summary>
public static class UsersApi
{
    public sealed record UserRequest(string? Role, string? Department, string? GridCell, string? Token, string? TokenSha256);

    /// <summary>A managed user as listed: never the token's hash.</summary>
    public sealed record UserView(string Name, string Role, string? Department, string? GridCell);

    public sealed record UserSaved(string Name, string Role);

    /// <summary>Names are identities (tickets record who logged them), so a managed user may not take a configured one's.</summary>
    private static bool IsReserved(string name, IEnumerable<ConfiguredUser> configured) =>
        name == UserDirectory.AdminName || configured.Any(u => u.Name == name);

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/users").RequireAuthorization(Policies.Administration);

        group.MapGet("/", async Task<Ok<IReadOnlyList<UserView>>> (IGrainFactory grains) =>
            TypedResults.Ok<IReadOnlyList<UserView>>([.. (await Directory(grains).List()).Select(u => new UserView(u.Name, u.Role, u.Department, u.GridCell))]));

        group.MapPut("/{name}", async Task<Results<Ok<UserSaved>, ProblemHttpResult>> (string name, UserRequest body, HttpContext http, IGrainFactory grains, DepartmentCatalog catalog,
            UserDirectory users, AuditLog audit, Microsoft.Extensions.Options.IOptionsMonitor<List<ConfiguredUser>> configured) =>
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100) return Problems.Invalid("name", "name must be 1 to 100 characters.");
            if (IsReserved(name, configured.CurrentValue)) return Problems.Invalid("name", $"'{name}' is the bootstrap admin or a user from configuration; choose another name.");
            if (body.Role is null || !Roles.All.Contains(body.Role)) return Problems.Invalid("role", $"role must be one of {string.Join(", ", Roles.All)}.");
            if (body.Role == Roles.Department && !catalog.Contains(body.Department)) return Problems.Invalid("department", "A department user needs a known department code.");
            if (body.Role == Roles.GridWorker && string.IsNullOrWhiteSpace(body.GridCell)) return Problems.Invalid("gridCell", "A grid worker needs a grid cell.");
            var hash = body.Token is { Length: >= 16 } token ? TokenHash.Of(token)
                : body.TokenSha256 is { Length: 64 } given && given.All(Uri.IsHexDigit) ? given.ToLowerInvariant()
                : null;
            if (hash is null) return Problems.Invalid("token", "Give a token of at least 16 characters, or its tokenSha256 (64 hex digits).");

            await Directory(grains).Save(new UserAccount(name, body.Role,
                body.Role == Roles.Department ? body.Department : null,
                body.Role == Roles.GridWorker ? body.GridCell : null,
                hash));
            users.Invalidate();
            await audit.RecordAsync(http, AuditActions.UserChange, name,
                $"role={body.Role}" + (body.Role == Roles.Department ? $" department={body.Department}" : "")
                + (body.Role == Roles.GridWorker ? $" gridCell={body.GridCell}" : ""));
            return TypedResults.Ok(new UserSaved(name, body.Role));
        });

        group.MapDelete("/{name}", async Task<Results<NoContent, ProblemHttpResult>> (string name, HttpContext http, IGrainFactory grains, UserDirectory users, AuditLog audit) =>
        {
            var removed = await Directory(grains).Remove(name);
            users.Invalidate();
            if (removed)
            {
                await audit.RecordAsync(http, AuditActions.UserChange, name, "removed");
            }

            return removed ? TypedResults.NoContent() : Problems.NotFound($"No user is called '{name}'.");
        });

        return group;
    }

    private static IUserDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key);
}
