using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

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

    private static Task<Results<Ok<ListPage<MissedCall>>, ProblemHttpResult>> List(SqlMissedCalls calls, WorkingCalendar calendar, string? state, int? page, int? pageSize,
        CancellationToken cancellationToken) =>
        Paging.ListAsync(page, pageSize, state, MissedCall.States,
            (number, size) => calls.ListAsync(state, number, size, cancellationToken), call => View(call, calendar));

    private static async Task<Results<Ok<MissedCall>, ProblemHttpResult>> CallBack(string id, CallbackRequest body, HttpContext http, SqlMissedCalls calls, WorkingCalendar calendar,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Outcome is null || !MissedCall.Outcomes.Contains(body.Outcome))
        {
            return Problems.Invalid("outcome", $"outcome must be one of {string.Join(", ", MissedCall.Outcomes)}.");
        }

        if (body.Note?.Length > MaxNote)
        {
            return Problems.Invalid("note", $"note is longer than {MaxNote} characters.");
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

        return TypedResults.Ok(View((await calls.FindAsync(id, cancellationToken))!, calendar));
    }

    /// <summary>The call with its times in the centre's zone.</summary>
    private static MissedCall View(MissedCall c, WorkingCalendar calendar) => c with
    {
        MissedAt = calendar.ToLocal(c.MissedAt),
        CalledBackAt = c.CalledBackAt is { } at ? calendar.ToLocal(at) : null,
    };
}
