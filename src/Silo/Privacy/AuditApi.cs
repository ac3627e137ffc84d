using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Privacy;

/// <summary><c>GET /api/v1/audit</c>: the access audit, newest first, for admins.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/audit").RequireAuthorization(Policies.Administration);
        group.MapGet("/", async Task<Results<Ok<ListPage<AuditEntry>>, ProblemHttpResult>> (AuditLog audit, WorkingCalendar calendar, string? actor, string? action, string? subject,
            string? from, string? to, int? page, int? pageSize, CancellationToken cancellationToken) =>
        {
            if (Paging.Check(page, pageSize, out var number, out var size) is { } paging) return paging;
            if (action is not null && !AuditActions.All.Contains(action))
            {
                return Problems.Invalid("action", $"action must be one of {string.Join(", ", AuditActions.All)}.");
            }

            if (PeriodFields.Check(from, to, calendar, out var fromAt, out var toAt) is { } period) return period;
            var (items, total) = await audit.ListAsync(new AuditQuery(actor, action, subject, fromAt, toAt), number, size, cancellationToken);
            return TypedResults.Ok(new ListPage<AuditEntry>([.. items.Select(e => e with { At = calendar.ToLocal(e.At) })], total));
        });
        return group;
    }
}
