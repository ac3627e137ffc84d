using HotlineDispatch.Silo.Auth;

namespace HotlineDispatch.Silo.Privacy;

/// <summary><c>/api/v1/admin</c>: maintenance an admin starts by hand.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Administration);

        // The daily job, now: after lowering a period, or to show an auditor that it runs. It is idempotent.
        group.MapPost("/retention", async (RetentionJob job, CancellationToken cancellationToken) =>
            Results.Ok(await job.RunAsync(cancellationToken)));

        return group;
    }
}
