using HotlineDispatch.Residents;

namespace HotlineDispatch.Tickets;

/// <summary>
/// Removes a resident's identity from a ticket (个人信息保护法): the caller's name and number, where answers go,
/// what they sent with the report (a call's recording, photos), and the number wherever it was written into the ticket's texts. Without <see cref="Phone"/> or
/// <see cref="OpenId"/> (retention) it erases whoever reported the ticket; with them (a request for erasure)
/// only that resident, and the number from the texts of any ticket that mentions it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.cmd.erase-caller.v1")]
public sealed record EraseCaller([property: Id(0)] string Reason) : TicketCommand
{
    [Id(1)] public string? Phone { get; init; }

    [Id(2)] public string? OpenId { get; init; }
}

public sealed partial class Ticket
{
    /// <summary>What an erased number or openid reads as in the ticket's texts.</summary>
    public const string ErasedMark = "[已删除]";

    /// <summary>
    /// Keeps the state, the deadlines, every history entry and so every measure: only identities and texts change,
    /// and one history entry says who erased them and why. Erasing what is already gone changes nothing.
    /// </summary>
    private void DoEraseCaller(EraseCaller c, Actor actor, TicketContext context)
    {
        var reason = Optional(c.Reason, "reason");
        var wholeCaller = c.Phone is null && c.OpenId is null;
        var identity = wholeCaller
            || PhoneNumbers.Same(Caller.Phone, c.Phone)
            || (c.Phone is not null && ReplyTo is { } sms && sms.StartsWith("sms:", StringComparison.Ordinal) && PhoneNumbers.Same(sms[4..], c.Phone))
            || (c.OpenId is not null && ReplyTo == $"wechat:{c.OpenId}");
        string[] needles = [.. new[] { c.Phone ?? (wholeCaller ? Caller.Phone : null), c.OpenId }
            .Select(n => n is null ? "" : n == c.OpenId ? n : PhoneNumbers.Canonical(n))
            .Where(n => n.Length >= 5)];

        string? Redacted(string? text) =>
            text is null ? null : needles.Aggregate(text, (t, needle) => t.Replace(needle, ErasedMark, StringComparison.Ordinal));

        var history = _history.Select(e => e with { Note = Redacted(e.Note), Result = Redacted(e.Result) }).ToArray();
        // What the reporter sent (the recording of their call, photos) can identify them as surely as their number.
        var dropAttachments = identity && _attachments is not null;
        var changed = (identity && (Caller.Name ?? Caller.Phone ?? ReplyTo) is not null) || dropAttachments
            || Redacted(Content) != Content || Redacted(Address) != Address || Redacted(Result) != Result
            || !history.SequenceEqual(_history);
        if (!changed)
        {
            return;
        }

        if (identity)
        {
            Caller = new Caller(null, null, Caller.Anonymous);
            ReplyTo = null;
            _attachments = null;
        }

        Content = Redacted(Content)!;
        Address = Redacted(Address)!;
        Result = Redacted(Result);
        _history = history;
        Log(context.Now, actor, TicketActions.EraseCaller, State, reason);
    }
}
