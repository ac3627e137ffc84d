using HotlineDispatch.Deadlines;

namespace HotlineDispatch.Tickets;

/// <summary>
/// A yellow or red card against a department. <see cref="DueAt"/> is when it fell due and is what it
/// counts at; <see cref="RecordedAt"/> is later when the silo was down at that moment.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.card.v1")]
public sealed record Card(
    [property: Id(0)] CardKind Kind,
    [property: Id(1)] DeadlineStep Step,
    [property: Id(2)] string Department,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] int Round);
