using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Routing;

/// <summary><c>/api/v1/alerts</c>: urgent tickets and surges, for supervisors, newest first.</summary>
public static class AlertsApi
{
    /// <summary>More than a supervisor reads at once; older alerts stay in the table.</summary>
    private const int Shown = 5000;

    /// <summary>Who may read the board; the console asks the same policy before it shows the board.</summary>
    public const string ReadPolicy = RoutingPolicies.Alerts;

    /// <summary>Who may acknowledge; the console asks the same policy before it offers the button.</summary>
    public const string AcknowledgePolicy = Policies.Supervision;

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/alerts");
        group.MapGet("/", async (IAlertBoard board, bool? open, CancellationToken cancellationToken) =>
            Results.Ok(new { items = await board.ListAsync(open == true, Shown, cancellationToken) }))
            .RequireAuthorization(ReadPolicy);
        group.MapPost("/{id}/acknowledge", async (string id, HttpContext http, IAlertBoard board,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
            await board.AcknowledgeAsync(id, CurrentUser.From(http.User).Name, time.GetUtcNow(), cancellationToken) is { } alert
                ? Results.Ok(alert)
                : Problems.NotFound($"There is no alert {id}; GET /api/v1/alerts lists them."))
            .RequireAuthorization(AcknowledgePolicy);
        return group;
    }
}
