using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;

namespace HotlineDispatch.Silo.Outbox;

/// <summary><c>GET /api/v1/outbox</c>: every message to residents and its delivery state, newest first.</summary>
public static class OutboxApi
{

    public static RouteGroupBuilder MapOutboxApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/outbox").RequireAuthorization(Policies.CallCentre);
        group.MapGet("/", List).Audited(AuditActions.ViewPhone, "outbox");
        return group;
    }

    private static Task<IResult> List(SqlOutbox outbox, WorkingCalendar calendar,
        string? ticket, string? state, string? replyTo, int? page, int? pageSize, CancellationToken cancellationToken) =>
        Paging.ListAsync(page, pageSize, state, OutboxStates.All,
            (number, size) => outbox.SearchAsync(ticket, state, replyTo, number, size, cancellationToken), row => View(row, calendar));

    private static object View(OutboxRow row, WorkingCalendar calendar) => new
    {
        row.Id,
        row.ReplyTo,
        row.Kind,
        row.Text,
        row.TicketId,
        row.State,
        row.Attempts,
        CreatedAt = calendar.ToLocal(row.CreatedAt),
        UpdatedAt = calendar.ToLocal(row.UpdatedAt),
        NextAttemptAt = row.State == OutboxStates.Pending ? calendar.ToLocal(row.NextAttemptAt) : (DateTimeOffset?)null,
        row.ProviderId,
        row.ProviderStatus,
        row.Error,
    };
}
