using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;

namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// <c>/api/v1/missed-calls</c>: the calls nobody took, oldest first, for operators to call back; a
/// call-back is recorded with its outcome (<c>reached</c>, <c>noAnswer</c> — stays open — or <c>invalidNumber</c>).
/// </summary>
public static class MissedCallsApi
{
    private const int MaxNote = 1000;

    public sealed record CallbackRequest(string? Outcome, string? Note);

    public static RouteGroupBuilder MapMissedCallsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/missed-calls").RequireAuthorization(Policies.CallCentre);
        group.MapGet("/", List).Audited(AuditActions.ViewPhone, "missed-calls");
        group.MapPost("/{id}/callback", CallBack);
        return group;
    }

    private static Task<IResult> List(SqlMissedCalls calls, WorkingCalendar calendar, string? state, int? page, int? pageSize,
        CancellationToken cancellationToken) =>
        Paging.ListAsync(page, pageSize, state, MissedCall.States,
            (number, size) => calls.ListAsync(state, number, size, cancellationToken), call => View(call, calendar));

    private static async Task<IResult> CallBack(string id, CallbackRequest body, HttpContext http, SqlMissedCalls calls, WorkingCalendar calendar,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Outcome is null || !MissedCall.Outcomes.Contains(body.Outcome))
        {
            return Problems.BadRequest("outcome", $"outcome must be one of {string.Join(", ", MissedCall.Outcomes)}.");
        }

        if (body.Note?.Length > MaxNote)
        {
            return Problems.BadRequest("note", $"note is longer than {MaxNote} characters.");
        }

        if (await calls.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"No missed call {id}; see GET /api/v1/missed-calls.");
        }

        var user = CurrentUser.From(http.User);
        if (!await calls.CallBackAsync(id, body.Outcome, string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(), user.Name,
                time.GetUtcNow(), cancellationToken))
        {
            return Problems.Result(StatusCodes.Status409Conflict, "Not allowed in the current state",
                $"Missed call {id} has already been called back.", new Dictionary<string, object?> { ["state"] = MissedCall.Done });
        }

        return Results.Ok(View((await calls.FindAsync(id, cancellationToken))!, calendar));
    }

    private static object View(MissedCall c, WorkingCalendar calendar) => new
    {
        c.Id,
        c.From,
        c.To,
        c.CallStatus,
        MissedAt = calendar.ToLocal(c.MissedAt),
        c.State,
        c.Attempts,
        c.Outcome,
        c.Note,
        c.CalledBackBy,
        CalledBackAt = c.CalledBackAt is { } at ? calendar.ToLocal(at) : (DateTimeOffset?)null,
    };
}
