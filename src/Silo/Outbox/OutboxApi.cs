using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Outbox;

/// <summary>An outbox row as staff read it: local times, and the next attempt only while one is due.</summary>
public sealed record OutboxView(
    string Id, string ReplyTo, string Kind, string Text, string? TicketId, string State, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt,
    string? ProviderId, string? ProviderStatus, string? Error);

/// <summary><c>GET /api/v1/outbox</c>: every message to residents and its delivery state, newest first.</summary>
public static class OutboxApi
{
    public static RouteGroupBuilder MapOutboxApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/outbox").RequireAuthorization(Policies.CallCentre);
        group.MapGet("/", List).Audited(AuditActions.ViewPhone, "outbox");
        return group;
    }

    private static Task<Results<Ok<ListPage<OutboxView>>, ProblemHttpResult>> List(SqlOutbox outbox, WorkingCalendar calendar, HttpContext http,
        string? ticket, string? state, string? replyTo, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(http.User);
        var revealTo = user.MaySeeReporter(new Caller(null, null, true, user.Id)) ? user.Id : null;
        return Paging.ListAsync(page, pageSize, state, OutboxStates.All,
            (number, size) => outbox.SearchAsync(ticket, state, replyTo, revealTo, number, size, cancellationToken), row => View(row, calendar));
    }

    private static OutboxView View(OutboxRow row, WorkingCalendar calendar) => new(
        row.Id, row.ReplyTo, row.Kind, row.Text, row.TicketId, row.State, row.Attempts,
        calendar.ToLocal(row.CreatedAt), calendar.ToLocal(row.UpdatedAt),
        row.State == OutboxStates.Pending ? calendar.ToLocal(row.NextAttemptAt) : null,
        row.ProviderId, row.ProviderStatus, row.Error);
}
