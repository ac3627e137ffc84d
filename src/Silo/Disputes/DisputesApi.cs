using HotlineDispatch.Disputes;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Disputes;

public sealed record DisputeRequest(string? Reason, string? Suggested, string? Department);

public sealed record DisputeDecisionRequest(bool? Upheld, string? Lead, string? Note);

/// <summary>派单异议 (docs/api.md §16): a lead department disputes a dispatch, reviewers decide, and the queue lists them.</summary>
public static class DisputesApi
{
    /// <summary>Who reviews disputes and reads their queue: dispatchers, supervisors and admins.</summary>
    public const string ReviewPolicy = "dispute-review";

    public static IServiceCollection AddHotlineDisputes(this IServiceCollection services)
    {
        services.AddSingleton<SqlDisputes>();
        services.AddSingleton<ITicketProjectionPart, DisputeProjection>();
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(ReviewPolicy,
            p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Dispatcher, Roles.Supervisor)));
        return services;
    }

    public static IEndpointRouteBuilder MapDisputesApi(this IEndpointRouteBuilder routes)
    {
        var tickets = routes.MapGroup("/api/v1/tickets").AddEndpointFilter(TicketsApi.DomainProblems);
        tickets.MapPost("/{id}/dispute", async (string id, DisputeRequest body, HttpContext http, TicketSteps steps) =>
            {
                // A department disputes for itself; an admin acting for one names it, or disputes for the current lead.
                var department = body.Department ?? CurrentUser.From(http.User).Department ?? (await steps.Read(id)).Lead ?? "";
                return await steps.Run(id, http, new DisputeDispatch(department, body.Reason ?? "", body.Suggested), department);
            })
            .RequireAuthorization(Policies.DepartmentWork);
        tickets.MapPost("/{id}/dispute/decision", async (string id, DisputeDecisionRequest body, HttpContext http, TicketSteps steps) =>
            body.Upheld is { } upheld
                ? await steps.Run(id, http, new DecideDispute(upheld, body.Lead, body.Note))
                : Problems.Invalid("upheld", "upheld must be true or false."))
            .RequireAuthorization(ReviewPolicy);

        routes.MapGet("/api/v1/disputes", async Task<Results<Ok<ListPage<DisputeView>>, ProblemHttpResult>> (bool? open, string? department, int? page, int? pageSize, SqlDisputes disputes,
                CancellationToken cancellationToken) =>
            {
                if (Paging.Check(page, pageSize, out var number, out var size) is { } problem)
                {
                    return problem;
                }

                var (items, total) = await disputes.ListAsync(open ?? false, department, number, size, cancellationToken);
                return TypedResults.Ok(new ListPage<DisputeView>(items, total));
            })
            .RequireAuthorization(ReviewPolicy);
        return routes;
    }
}
