using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Grid;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using HotlineDispatch.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HotlineDispatch.Silo.Grid;

/// <summary><c>/api/v1/grid</c>: a grid cell, the inbox of requests from its chat groups, and the grid worker's answers to them (docs/api.md).</summary>
public static class GridApi
{
    private const int MaxNote = 1000;

    public static IServiceCollection AddGridApi(this IServiceCollection services) => services.AddSingleton<SqlCellTickets>();

    public static RouteGroupBuilder MapGridApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/grid/{cell}").AddEndpointFilter(CellFilter);
        group.MapGet("/", Cell).RequireAuthorization(GridAccess.Readers);
        group.MapGet("/inbox", Inbox).RequireAuthorization(GridAccess.Readers);
        group.MapGet("/handled", Handled).RequireAuthorization(GridAccess.Readers);
        group.MapPost("/inbox/{messageId}/ticket", MakeTicket).RequireAuthorization(GridAccess.Workers);
        group.MapPost("/patrol", Patrol).RequireAuthorization(GridAccess.Workers);
        group.MapPost("/inbox/{messageId}/settle", Settle).RequireAuthorization(GridAccess.Workers);
        group.MapPost("/inbox/{messageId}/dismiss", Dismiss).RequireAuthorization(GridAccess.Workers);
        return group;
    }

    private static async Task<Results<Ok<CellView>, ProblemHttpResult>> Cell(
        string cell, IGrainFactory grains, SqlCellTickets tickets, IOptionsMonitor<List<ConfiguredUser>> configured, SqlGridRegistry registry,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, SlaPolicy sla, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        // The open tickets come one page at a time: a busy cell's are not sent whole to a browser polling it.
        if (Paging.Check(page, pageSize, out var number, out var size) is { } problem)
        {
            return problem;
        }
        var place = registry.Current.Find(cell);
        var status = await CellGrain(grains, cell).Status();
        var (open, total) = await tickets.OpenAsync(cell, number, size, cancellationToken);
        var managed = await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).List();
        var workers = configured.CurrentValue.Select(u => (u.Name, u.Role, u.GridCell))
            .Concat(managed.Select(u => (u.Name, u.Role, u.GridCell)))
            .Where(u => u.Role == Roles.GridWorker && u.GridCell == cell)
            .Select(u => u.Name)
            .Distinct()
            .ToList();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CellView(cell, place?.Name, place?.Street, place?.Community, place?.Workers ?? [], workers.FirstOrDefault(), workers,
            [.. status.Groups.Select(g => new CellGroup(g.GroupId, g.Name))],
            new ListPage<SummaryView>([.. open.Select(s => SummaryView.Of(s, sla.Calendar))], total),
            status.InboxSize,
            status.OldestWaitingSince is { } since ? (long?)(now - since).TotalSeconds : null,
            new CellMeasures(status.Requests, status.Settled, status.SettledByGridWorker, status.Ticketed, status.Dismissed, status.Patrolled,
                status.SelfResolutionRate, status.AverageWaitSeconds)));
    }

    private static async Task<Ok<ItemList<InboxItemView>>> Inbox(string cell, IGrainFactory grains, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, SlaPolicy sla)
    {
        var now = time.GetUtcNow();
        var items = await CellGrain(grains, cell).Inbox();
        return TypedResults.Ok(new ItemList<InboxItemView>([.. items.Select(i => InboxItemView.Of(i, now, sla.Calendar))]));
    }

    private static async Task<Ok<ItemList<HandledRequestView>>> Handled(string cell, IGrainFactory grains, SlaPolicy sla)
    {
        var handled = await CellGrain(grains, cell).Handled();
        return TypedResults.Ok(new ItemList<HandledRequestView>([.. handled.Select(h => HandledRequestView.Of(h, sla.Calendar))]));
    }

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> MakeTicket(
        string cell, string messageId, InboxTicketRequest? body, HttpContext http, IGrainFactory grains, DepartmentCatalog catalog, TicketSteps steps)
    {
        TicketType? type = null;
        if (body?.Type is not null && (type = TicketsApi.ParseEnum<TicketType>(body.Type)) is null)
        {
            return TicketsApi.BadType();
        }

        var dispatch = body?.Dispatch;
        if (dispatch is not null && !catalog.Contains(dispatch))
        {
            return Problems.Invalid("dispatch", $"'{dispatch}' is not a department code; see GET /api/v1/departments.");
        }

        var user = CurrentUser.From(http.User);
        var ticket = await CellGrain(grains, cell).MakeTicket(messageId, type, dispatch, user.Actor);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", steps.View(ticket, user));
    }

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> Patrol(string cell, PatrolRequest body, HttpContext http, IGrainFactory grains, DepartmentCatalog catalog,
        TicketSteps steps)
    {
        if (TicketsApi.ParseEnum<TicketType>(body.Type) is not { } type)
        {
            return TicketsApi.BadType();
        }

        if (body.Dispatch is { } dispatch && !catalog.Contains(dispatch))
        {
            return Problems.Invalid("dispatch", $"'{dispatch}' is not a department code; see GET /api/v1/departments.");
        }

        var user = CurrentUser.From(http.User);
        var ticket = await CellGrain(grains, cell).Patrol(
            new PatrolReport(body.Content ?? "", body.Address ?? "", type, body.Urgent ?? false, body.Dispatch), user.Actor);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", steps.View(ticket, user));
    }

    private static Task<Results<Ok<HandledRequestView>, ProblemHttpResult>> Settle(string cell, string messageId, SettleRequest body, HttpContext http, IGrainFactory grains, SlaPolicy sla) =>
        AnswerWithoutTicket(body.Note, "note", "what was done", http, sla, (text, actor) => CellGrain(grains, cell).Settle(messageId, text, actor));

    private static Task<Results<Ok<HandledRequestView>, ProblemHttpResult>> Dismiss(string cell, string messageId, DismissRequest body, HttpContext http, IGrainFactory grains, SlaPolicy sla) =>
        AnswerWithoutTicket(body.Reason, "reason", "why this is not a request", http, sla,
            (text, actor) => CellGrain(grains, cell).Dismiss(messageId, text, actor));

    /// <summary>Settles or dismisses a request; either needs a text that says what was done or why.</summary>
    private static async Task<Results<Ok<HandledRequestView>, ProblemHttpResult>> AnswerWithoutTicket(
        string? text, string field, string meaning, HttpContext http, SlaPolicy sla, Func<string, Actor, Task<HandledRequest>> answer)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxNote)
        {
            return Problems.Invalid(field, $"{field} is required: {meaning}, at most {MaxNote} characters.");
        }

        var handled = await answer(text.Trim(), CurrentUser.From(http.User).Actor);
        return TypedResults.Ok(HandledRequestView.Of(handled, sla.Calendar));
    }

    private static IGridCellGrain CellGrain(IGrainFactory grains, string cell) => grains.GetGrain<IGridCellGrain>(GridKeys.Cell(cell));

    /// <summary>Checks the cell's shape and the grid worker's own cell, and maps the grid's and the tickets' refusals to problems.</summary>
    private static async ValueTask<object?> CellFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var cell = context.HttpContext.GetRouteValue("cell") as string;
        if (!GridKeys.IsWellFormed(cell))
        {
            return Problems.NotFound($"'{cell}' is not a grid cell id.");
        }

        if (GridAccess.Refuse(CurrentUser.From(context.HttpContext.User), cell!) is { } refused)
        {
            return refused;
        }

        try
        {
            return await next(context);
        }
        catch (InboxItemNotFoundException ex)
        {
            return Problems.NotFound(ex.Message);
        }
        catch (InboxItemHandledException ex)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Already answered", ex.Message);
        }
        catch (Exception ex) when (Problems.FromDomain(ex) is { } problem)
        {
            return problem;
        }
    }
}
