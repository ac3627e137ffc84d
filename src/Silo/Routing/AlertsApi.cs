using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Routing;

/// <summary><c>/api/v1/alerts</c>: urgent tickets and surges, for supervisors, newest first.</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/alerts");
        group.MapGet("/", async (IGrainFactory grains, bool? open) =>
        {
            var alerts = await Board(grains).List();
            return Results.Ok(new { items = open == true ? alerts.Where(a => a.AcknowledgedAt is null).ToList() : alerts });
        }).RequireAuthorization(RoutingPolicies.Alerts);
        group.MapPost("/{id}/acknowledge", async (string id, HttpContext http, IGrainFactory grains,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time) =>
            await Board(grains).Acknowledge(id, CurrentUser.From(http.User).Name, time.GetUtcNow()) is { } alert
                ? Results.Ok(alert)
                : Problems.NotFound($"There is no alert {id}; GET /api/v1/alerts lists them."))
            .RequireAuthorization(Policies.Supervision);
        return group;
    }

    private static IAlertBoardGrain Board(IGrainFactory grains) => grains.GetGrain<IAlertBoardGrain>(IAlertBoardGrain.Key);
}
