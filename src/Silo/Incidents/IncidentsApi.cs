using HotlineDispatch.Deadlines;
using HotlineDispatch.Incidents;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

using HotlineDispatch.Silo.Routing;

namespace HotlineDispatch.Silo.Incidents;

/// <summary>
/// <c>/api/v1/incidents</c> (surges of similar reports, for the leaders) and
/// <c>/api/v1/tickets/{id}/duplicates</c> (open tickets a ticket may be merged with).
/// </summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/tickets/{id}/duplicates", Duplicates).RequireAuthorization(Policies.Intake);
        var group = routes.MapGroup("/api/v1/incidents");
        group.MapGet("/", List).RequireAuthorization(RoutingPolicies.Incidents);
        return group;
    }

    private static async Task<Results<Ok<ListPage<IncidentView>>, ProblemHttpResult>> List(IIncidentBoard board, WorkingCalendar calendar,
        string? gridCell, string? from, string? to, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize, out var number, out var size) is { } paging)
        {
            return paging;
        }

        if (PeriodFields.Check(from, to, calendar, out var fromAt, out var toAt) is { } period)
        {
            return period;
        }

        var cell = CellKeys.Of(gridCell, null);
        if (gridCell is not null && cell is null)
        {
            return Problems.Invalid("gridCell", "gridCell must name a grid cell.");
        }

        var (items, total) = await board.ListAsync(cell, fromAt, toAt, number, size, cancellationToken);
        return TypedResults.Ok(new ListPage<IncidentView>([.. items.Select(i => IncidentView.Of(i, calendar))], total));
    }

    private static async Task<Results<Ok<ItemList<DuplicateCandidate>>, ProblemHttpResult>> Duplicates(string id, IGrainFactory grains)
    {
        if (!TicketNumbers.IsWellFormed(id))
        {
            return Problems.NotFound($"Ticket {id} does not exist.");
        }

        TicketSnapshot ticket;
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
        return TypedResults.Ok(new ItemList<DuplicateCandidate>(items));
    }
}
