using HotlineDispatch.Incidents;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// <c>/api/v1/incidents</c> (surges of similar reports, for the leaders) and
/// <c>/api/v1/tickets/{id}/duplicates</c> (open tickets a ticket may be merged with).
/// </summary>
public static class IncidentsApi
{
    /// <summary>The most a leader reads at once; older incidents stay in the table.</summary>
    private const int Shown = 2000;

    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/tickets/{id}/duplicates", Duplicates).RequireAuthorization(Policies.Intake);
        var group = routes.MapGroup("/api/v1/incidents");
        group.MapGet("/", async (IIncidentBoard board, CancellationToken cancellationToken) =>
            Results.Ok(new { items = await board.ListAsync(Shown, cancellationToken) }))
            .RequireAuthorization(RoutingPolicies.Incidents);
        return group;
    }

    private static async Task<IResult> Duplicates(string id, IGrainFactory grains)
    {
        if (!TicketNumbers.IsWellFormed(id))
        {
            return Problems.NotFound($"Ticket {id} does not exist.");
        }

        Ticket ticket;
        try
        {
            ticket = await grains.GetGrain<ITicketGrain>(id).Get();
        }
        catch (TicketNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }

        var items = CellKeys.Of(ticket.GridCell, ticket.Address) is { } cell && ticket.IsOpen
            ? await grains.GetGrain<ICellReportsGrain>(cell).Similar(ticket.Content, ticket.Id)
            : [];
        return Results.Ok(new { items });
    }
}
