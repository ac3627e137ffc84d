namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// A call the voice channel took unattended, waiting for an operator: what the caller said (Twilio's
/// zh-CN speech recognition, with its confidence) or a recording. It is not a ticket, so the ticket
/// states and measures keep their meaning; an operator turns it into one or discards it.
/// </summary>
public sealed record CallDraft(
    string Id,
    string? From,
    string? To,
    string? Transcript,
    double? Confidence,
    string? RecordingUrl,
    int? RecordingSeconds,
    DateTimeOffset ReceivedAt,
    string State,
    string? TicketId,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Note)
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Discarded = "discarded";

    public static IReadOnlyList<string> States { get; } = [Open, Accepted, Discarded];
}
