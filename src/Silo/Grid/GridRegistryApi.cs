using System.Text;
using HotlineDispatch.Channels.Http;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Grid;

/// <summary>What an uploaded registry holds (or would, on a dry run); <c>errors</c> is empty, since a file with any is refused.</summary>
public sealed record RegistryUpload(bool DryRun, int Cells, int Communities, int Streets, IReadOnlyList<CsvLineError> Errors);

/// <summary>How many chat groups an upload registers (or would, on a dry run).</summary>
public sealed record GroupsUpload(bool DryRun, int Groups, IReadOnlyList<CsvLineError> Errors);

/// <summary>
/// The grid registry and the bulk registration of chat groups, both uploaded as CSV by an admin (docs/api.md §20).
/// Every line is checked first; with any error the answer lists them by line and nothing changes. <c>dryRun=true</c>
/// checks only.
/// </summary>
public static class GridRegistryApi
{
    private const int MaxBytes = 4 * 1024 * 1024;

    public static IServiceCollection AddGridRegistry(this IServiceCollection services)
    {
        services.AddSingleton<SqlGridRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<SqlGridRegistry>());
        return services;
    }

    public static IEndpointRouteBuilder MapGridRegistryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/api/v1/grid/registry", LoadRegistry).RequireAuthorization(Policies.Administration);
        routes.MapGet("/api/v1/grid/registry", (SqlGridRegistry registry) =>
            TypedResults.Ok(new ListPage<GridPlace>(registry.Current.Places, registry.Current.Places.Count))).RequireAuthorization(GridAccess.Readers);
        routes.MapPut("/api/v1/groups", RegisterGroups).RequireAuthorization(Policies.Administration);
        return routes;
    }

    private static async Task<Results<Ok<RegistryUpload>, ProblemHttpResult>> LoadRegistry(HttpContext http, SqlGridRegistry store, bool? dryRun)
    {
        if (await Csv(http) is not { } csv)
        {
            return ChannelProblems.TooLarge(MaxBytes);
        }

        var (registry, errors) = GridRegistry.Parse(csv, GridKeys.IsWellFormed);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        if (dryRun != true)
        {
            await store.ReplaceAsync(registry, http.RequestAborted);
        }

        return TypedResults.Ok(new RegistryUpload(dryRun == true, registry.Places.Count, registry.Places.Select(p => p.Community).Distinct().Count(),
            registry.Places.Select(p => p.Street).Distinct().Count(), []));
    }

    private static async Task<Results<Ok<GroupsUpload>, ProblemHttpResult>> RegisterGroups(HttpContext http, SqlGridRegistry store, IGrainFactory grains, bool? dryRun)
    {
        if (await Csv(http) is not { } csv)
        {
            return ChannelProblems.TooLarge(MaxBytes);
        }

        var (groups, errors) = store.Current.ParseGroups(csv, GridKeys.IsWellFormed);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        if (dryRun != true)
        {
            // Each registration is the single-group one, which moves a group's open requests along when its cell changes.
            foreach (var group in groups)
            {
                await grains.GetGrain<IChatGroupGrain>(GridKeys.Group(group.GroupId)).Register(group.Name, group.GridCell);
            }
        }

        return TypedResults.Ok(new GroupsUpload(dryRun == true, groups.Count, []));
    }

    private static async Task<string?> Csv(HttpContext http) =>
        await BoundedBody.ReadAsync(http.Request, MaxBytes, http.RequestAborted) is { } body ? Encoding.UTF8.GetString(body) : null;

    private static ProblemHttpResult Refused(IReadOnlyList<CsvLineError> errors) =>
        TypedResults.Problem(
            $"{errors.Count} line(s) are wrong and nothing was loaded; the first is line {errors[0].Line}: {errors[0].Message}",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid CSV",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
