using System.Text.Json.Serialization;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using HotlineDispatch.WeChat;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// Everything held about one resident, found and erased. Tickets and WeChat messages are changed through their
/// grains, so a live activation never writes the erased data back; the read model's rows through SQL.
/// Erasing again finds nothing and changes nothing, on any silo.
/// </summary>
public sealed class ResidentData(IGrainFactory grains, PersonalDataTables tables, TicketSteps steps, ILogger<ResidentData> logger)
{
    private const string TicketState = "ticket";
    private const string WeChatMessageState = "wechat-message";

    public async Task<AccessReport> FindAsync(ResidentSubject subject, CurrentUser admin, CancellationToken cancellationToken)
    {
        var states = await tables.FindGrainStatesAsync(subject.Needle, cancellationToken);
        var tickets = new List<HeldTicket>();
        foreach (var id in states.Where(s => s.Type == TicketState).Select(s => s.Key))
        {
            var ticket = await grains.GetGrain<ITicketGrain>(id).Get();
            tickets.Add(new HeldTicket(steps.View(ticket, admin), ticket.Caller, ticket.ReplyTo));
        }

        var messages = new List<HeldWeChatMessage>();
        foreach (var key in states.Where(s => s.Type == WeChatMessageState).Select(s => s.Key))
        {
            messages.Add(new HeldWeChatMessage(key, await grains.GetGrain<IWeChatMessageGrain>(key).Recorded()));
        }

        return new AccessReport(
            new SubjectKey(subject.Phone, subject.Phone is null ? subject.OpenId : null),
            tickets,
            messages,
            await tables.FindRowsAsync(subject.Needle, cancellationToken),
            [.. states.Where(s => s.Type is not (TicketState or WeChatMessageState))]);
    }

    /// <summary>
    /// Erases the resident from every ticket (keeping the tickets, their history and so every measure), forgets their
    /// WeChat messages, deletes the messages and calls that were theirs alone and redacts the number everywhere else.
    /// </summary>
    public async Task<ErasureReport> EraseAsync(ResidentSubject subject, string reason, Actor actor, CancellationToken cancellationToken)
    {
        var states = await tables.FindGrainStatesAsync(subject.Needle, cancellationToken);
        var tickets = states.Where(s => s.Type == TicketState).Select(s => s.Key).ToList();
        foreach (var id in tickets)
        {
            await grains.GetGrain<ITicketGrain>(id).Execute(new EraseCaller(reason) { Phone = subject.Phone, OpenId = subject.OpenId }, actor);
        }

        var messages = states.Where(s => s.Type == WeChatMessageState).Select(s => s.Key).ToList();
        foreach (var key in messages)
        {
            await grains.GetGrain<IWeChatMessageGrain>(key).Forget();
        }

        // After the tickets: their projection rewrites summaries, which must not bring the number back.
        var rows = await tables.EraseRowsAsync(subject.Needle, Ticket.ErasedMark, cancellationToken);
        var remaining = (await tables.FindGrainStatesAsync(subject.Needle, cancellationToken))
            .Concat((await tables.FindRowsAsync(subject.Needle, cancellationToken)).Keys.Select(table => new GrainStateRef("table", table)))
            .ToList();
        logger.LogInformation("Erased resident {Subject} from {Tickets} tickets, {Messages} WeChat messages and {Rows} rows",
            subject.Masked, tickets.Count, messages.Count, rows.Values.Sum());
        if (remaining.Count > 0)
        {
            logger.LogWarning("Erasing {Subject} left it in {Remaining}", subject.Masked, string.Join(", ", remaining));
        }

        return new ErasureReport(tickets, messages.Count, rows, remaining);
    }
}

/// <summary>What an erasure changed, and where the subject is still found (nothing, unless a state is of a kind erasure does not know).</summary>
public sealed record ErasureReport(
    IReadOnlyList<string> Tickets,
    int WeChatMessages,
    IReadOnlyDictionary<string, int> Rows,
    IReadOnlyList<GrainStateRef> Remaining);

/// <summary>Everything held about a resident, the answer to a request for access.</summary>
public sealed record AccessReport(
    SubjectKey Subject,
    IReadOnlyList<HeldTicket> Tickets,
    IReadOnlyList<HeldWeChatMessage> WechatMessages,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>> Records,
    IReadOnlyList<GrainStateRef> OtherStates);

/// <summary>The one key a request was made with: <c>{"phone": …}</c> or <c>{"openid": …}</c>.</summary>
public sealed record SubjectKey(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyName("openid")] string? OpenId);

/// <summary>A ticket as an admin sees it, with the caller and reply address as stored, which the view may mask.</summary>
public sealed record HeldTicket(TicketView Ticket, Caller Caller, string? ReplyTo);

/// <summary>A WeChat message the resident sent, under its grain's key.</summary>
public sealed record HeldWeChatMessage(string Key, WeChatMessage? Message);
