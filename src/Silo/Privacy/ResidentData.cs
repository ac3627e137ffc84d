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

    public async Task<object> FindAsync(ResidentSubject subject, CurrentUser admin, CancellationToken cancellationToken)
    {
        var states = await tables.FindGrainStatesAsync(subject.Needle, cancellationToken);
        var tickets = new List<object>();
        foreach (var id in states.Where(s => s.Type == TicketState).Select(s => s.Key))
        {
            var ticket = await grains.GetGrain<ITicketGrain>(id).Get();
            tickets.Add(new { ticket = steps.View(ticket, admin), caller = ticket.Caller, ticket.ReplyTo });
        }

        var messages = new List<object>();
        foreach (var key in states.Where(s => s.Type == WeChatMessageState).Select(s => s.Key))
        {
            messages.Add(new { key, message = await grains.GetGrain<IWeChatMessageGrain>(key).Recorded() });
        }

        return new
        {
            subject = subject.Phone is not null ? new { phone = subject.Phone } : (object)new { openid = subject.OpenId },
            tickets,
            wechatMessages = messages,
            records = await tables.FindRowsAsync(subject.Needle, cancellationToken),
            otherStates = states.Where(s => s.Type is not (TicketState or WeChatMessageState)),
        };
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
