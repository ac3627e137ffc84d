using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Silo.Twilio;
using HotlineDispatch.Tickets;
using HotlineDispatch.Silo.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// <c>/api/v1/call-drafts</c>: the calls the voice channel took unattended. An operator listens or reads,
/// completes what the caller left out, and accepts the draft as a ticket (channel <c>call</c>, the
/// recording attached, receipts by SMS to a mobile caller) or discards it.
/// </summary>
public static class CallDraftsApi
{
    public sealed record AcceptDraftRequest(string? Type, string? Content, string? Address, string? GridCell, bool? Urgent, string? CallerName, bool? Anonymous);

    public sealed record DiscardDraftRequest(string? Reason);

    /// <summary>What a discarded draft has become.</summary>
    public sealed record DraftDecision(string Id, string State);

    public static RouteGroupBuilder MapCallDraftsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/call-drafts");
        group.MapGet("/", List).RequireAuthorization(Policies.CallCentre).Audited(AuditActions.ViewPhone, "call-drafts");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.CallCentre).Audited(AuditActions.ViewPhone, "call-drafts");
        group.MapPost("/{id}/accept", Accept).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id}/discard", Discard).RequireAuthorization(Policies.Intake);
        return group;
    }

    private static Task<Results<Ok<ListPage<CallDraft>>, ProblemHttpResult>> List(SqlCallDrafts drafts, WorkingCalendar calendar, string? state, int? page, int? pageSize,
        CancellationToken cancellationToken) =>
        Paging.ListAsync(page, pageSize, state, CallDraft.States,
            (number, size) => drafts.ListAsync(state, number, size, cancellationToken), draft => View(draft, calendar));

    private static async Task<Results<Ok<CallDraft>, ProblemHttpResult>> Get(string id, SqlCallDrafts drafts, WorkingCalendar calendar,
        CancellationToken cancellationToken) =>
        await drafts.FindAsync(id, cancellationToken) is { } draft ? TypedResults.Ok(View(draft, calendar)) : Missing(id);

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> Accept(string id, AcceptDraftRequest body, HttpContext http, SqlCallDrafts drafts, TicketIntake intake,
        TicketSteps steps, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (await drafts.FindAsync(id, cancellationToken) is not { } draft)
        {
            return Missing(id);
        }

        if (draft.State != CallDraft.Open)
        {
            return Settled(draft);
        }

        if (TicketsApi.ParseEnum<TicketType>(body.Type) is not { } type)
        {
            return TicketsApi.BadType();
        }

        var content = string.IsNullOrWhiteSpace(body.Content) ? draft.Transcript : body.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return Problems.Invalid("content", "This call left only a recording: listen to it and give the content of the report.");
        }

        var user = CurrentUser.From(http.User);
        var callable = TwilioFields.IsPhone(draft.From);
        var command = new AcceptTicket(TicketChannel.Call, new Caller(body.CallerName, callable ? draft.From : null, body.Anonymous ?? false),
            body.Address ?? "", body.GridCell, content, type, body.Urgent ?? false)
        {
            Attachments = draft.RecordingUrl is { } recording ? [recording] : [],
            SourceRef = draft.Id,
            ReplyTo = callable ? $"sms:{draft.From}" : null,
        };

        TicketSnapshot ticket;
        try
        {
            var number = await drafts.BindNumberAsync(id, await intake.ReserveNumberAsync(), cancellationToken);
            if (number is null)
            {
                return Settled((await drafts.FindAsync(id, cancellationToken))!);
            }

            ticket = await intake.AcceptAsAsync(number, command, user.Actor);
        }
        catch (Exception ex) when (Problems.FromDomain(ex) is { } problem)
        {
            return problem;
        }

        await drafts.DecideAsync(id, CallDraft.Accepted, user.Name, null, time.GetUtcNow(), cancellationToken, forgetCaller: ticket.Caller.Anonymous);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", steps.View(ticket, user));
    }

    private static async Task<Results<Ok<DraftDecision>, ProblemHttpResult>> Discard(string id, DiscardDraftRequest body, HttpContext http, SqlCallDrafts drafts,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
        {
            return Problems.Invalid("reason", "reason is required (at most 1000 characters): say why the call needs no ticket.");
        }

        if (await drafts.FindAsync(id, cancellationToken) is null)
        {
            return Missing(id);
        }

        var user = CurrentUser.From(http.User);
        if (!await drafts.DecideAsync(id, CallDraft.Discarded, user.Name, body.Reason.Trim(), time.GetUtcNow(), cancellationToken))
        {
            return Settled((await drafts.FindAsync(id, cancellationToken))!);
        }

        return TypedResults.Ok(new DraftDecision(id, CallDraft.Discarded));
    }

    private static ProblemHttpResult Missing(string id) => Problems.NotFound($"No call draft {id}; see GET /api/v1/call-drafts.");

    private static ProblemHttpResult Settled(CallDraft draft) => Problems.Result(StatusCodes.Status409Conflict, "Not allowed in the current state",
        draft.TicketId is { } ticket
            ? $"Call draft {draft.Id} is {(draft.State == CallDraft.Open ? "being accepted" : draft.State)} as ticket {ticket}."
            : $"Call draft {draft.Id} is {draft.State}.",
        new Dictionary<string, object?> { ["state"] = draft.State, ["ticketId"] = draft.TicketId });

    /// <summary>The draft with its times in the centre's zone.</summary>
    private static CallDraft View(CallDraft d, WorkingCalendar calendar) => d with
    {
        ReceivedAt = calendar.ToLocal(d.ReceivedAt),
        DecidedAt = d.DecidedAt is { } at ? calendar.ToLocal(at) : null,
    };
}
