namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// A call that ended unanswered. The 2025 national guidance asks that every missed call be called
/// back: it stays open until a call-back reaches the caller (or shows the number is invalid); a
/// call-back nobody answered is counted and leaves it open.
/// </summary>
public sealed record MissedCall(
    string Id,
    string? From,
    string? To,
    string CallStatus,
    DateTimeOffset MissedAt,
    string State,
    int Attempts,
    string? Outcome,
    string? Note,
    string? CalledBackBy,
    DateTimeOffset? CalledBackAt)
{
    public const string Open = "open";
    public const string Done = "done";

    public static IReadOnlyList<string> States { get; } = [Open, Done];

    /// <summary>Twilio's final status of a call that ended normally; missed too when it left no call draft.</summary>
    public const string Completed = "completed";

    /// <summary>Twilio's final call statuses that mean nobody took the call.</summary>
    public static IReadOnlyList<string> MissedStatuses { get; } = ["no-answer", "busy", "failed", "canceled"];

    public const string Reached = "reached";
    public const string NoAnswer = "noAnswer";
    public const string InvalidNumber = "invalidNumber";

    public static IReadOnlyList<string> Outcomes { get; } = [Reached, NoAnswer, InvalidNumber];
}
