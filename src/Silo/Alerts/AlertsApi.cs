using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

using HotlineDispatch.Silo.Routing;

namespace HotlineDispatch.Silo.Alerts;

/// <summary><c>/api/v1/alerts</c>: urgent tickets and surges, for supervisors, newest first.</summary>
public static class AlertsApi
{
    /// <summary>What a caller that asks for no page gets at most, the newest: more than a supervisor reads at once.</summary>
    private const int Shown = 5000;

    /// <summary>Who may read the board; the console asks the same policy before it shows the board.</summary>
    public const string ReadPolicy = RoutingPolicies.Alerts;

    /// <summary>Who may acknowledge; the console asks the same policy before it offers the button.</summary>
    public const string AcknowledgePolicy = Policies.Supervision;

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/alerts");
        group.MapGet("/", List).RequireAuthorization(ReadPolicy);
        group.MapPost("/{id}/acknowledge", async Task<Results<Ok<Alert>, ProblemHttpResult>> (string id, HttpContext http, IAlertBoard board,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
            await board.AcknowledgeAsync(id, CurrentUser.From(http.User).Name, time.GetUtcNow(), cancellationToken) is { } alert
                ? TypedResults.Ok(alert)
                : Problems.NotFound($"There is no alert {id}; GET /api/v1/alerts lists them."))
            .RequireAuthorization(AcknowledgePolicy);
        return group;
    }

    /// <summary>
    /// A caller that names a page gets that page and the true total, as on the other list routes; one that names none
    /// keeps the answer it was written against: the newest <see cref="Shown"/> and no total.
    /// </summary>
    private static async Task<Results<Ok<ItemList<Alert>>, Ok<ListPage<Alert>>, ProblemHttpResult>> List(IAlertBoard board, HttpContext http, bool? open, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        // Leaders read the board for the picture; following up a resident's failed message is the supervisors' work.
        var shown = CurrentUser.From(http.User).Role == Roles.Leader
            ? (Func<IReadOnlyList<Alert>, IEnumerable<Alert>>)(alerts => alerts.Select(a => a.WithoutResident()))
            : alerts => alerts;
        if (page is null && pageSize is null)
        {
            var (newest, _) = await board.ListAsync(open == true, 1, Shown, cancellationToken);
            return TypedResults.Ok(new ItemList<Alert>([.. shown(newest)]));
        }

        if (Paging.Check(page, pageSize, out var number, out var size) is { } paging)
        {
            return paging;
        }

        var (items, total) = await board.ListAsync(open == true, number, size, cancellationToken);
        return TypedResults.Ok(new ListPage<Alert>([.. shown(items)], total));
    }
}
