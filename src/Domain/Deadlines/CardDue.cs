namespace HotlineDispatch.Deadlines;

/// <summary>
/// A card whose instant has come and that is not yet recorded. <see cref="DueAt"/> is the instant
/// the card fell due, which is what gets recorded even when it is noticed later (e.g. after an outage).
/// </summary>
public sealed record CardDue(CardKind Kind, DeadlineStep Step, string Department, DateTimeOffset DueAt);
