using HotlineDispatch.Tickets;

namespace HotlineDispatch.Platform;

/// <summary>
/// One step the upper platform must hear of, as it is posted to <c>Hotline:Platform:CallbackUrl</c> (docs/platform.md).
/// <see cref="Seq"/> is the history event it reports, which makes its outbox row, and so its delivery, unique.
/// </summary>
public sealed record PlatformCallback(
    string UpstreamId, string TicketId, string Event, DateTimeOffset At, string? Department, string? Result, string? Rating, string? Reason)
{
    public const string Signed = "signed";
    public const string Replied = "replied";
    public const string ReturnRequested = "returnRequested";
    public const string ExtensionRequested = "extensionRequested";
    public const string Surveyed = "surveyed";
    public const string Closed = "closed";

    /// <summary>Ours, not the platform's: it stays out of the body.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Seq { get; init; }

    /// <summary>The callbacks the events of a ticket handed down owe the upper platform; none for any other ticket.</summary>
    public static IEnumerable<PlatformCallback> For(TicketSnapshot ticket, IEnumerable<TicketEvent> events)
    {
        if (ticket.UpstreamId is not { } upstreamId)
        {
            yield break;
        }

        foreach (var e in events)
        {
            PlatformCallback Callback(string name, string? result = null, string? rating = null, string? reason = null) =>
                new(upstreamId, ticket.Id, name, e.At, e.Department, result, rating, reason) { Seq = e.Seq };

            var callback = e.Action switch
            {
                // A co-handler's signature is the lead's business, not the platform's.
                TicketActions.Sign when e.Note is null => Callback(Signed),
                TicketActions.Reply => Callback(Replied, result: e.Result),
                TicketActions.ReturnRequest => Callback(ReturnRequested, reason: e.Note),
                TicketActions.RequestExtension => Callback(ExtensionRequested, reason: e.Note),
                TicketActions.Survey when e.Rating is { } rating =>
                    Callback(Surveyed, rating: string.Concat(rating.ToString()[..1].ToLowerInvariant(), rating.ToString()[1..])),
                TicketActions.Close => Callback(Closed),
                _ => null,
            };
            if (callback is not null)
            {
                yield return callback;
            }
        }
    }
}
