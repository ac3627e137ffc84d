namespace HotlineDispatch.Disputes;

/// <summary>What the lead department asked the review for: that the dispatch was wrong (派单异议), or a late return (退单).</summary>
public enum DisputeKind : sbyte
{
    Dispatch,
    Return,
}

/// <summary>
/// A lead department's objection to a dispatch, or its return asked after the dispute window, waiting for a
/// dispatcher's or supervisor's review (docs/domain.md §9). Kept on the ticket for good, decided or not.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.dispute.v1")]
public sealed record Dispute(
    [property: Id(0)] int Seq,
    [property: Id(1)] DisputeKind Kind,
    [property: Id(2)] string Department,
    [property: Id(3)] string Reason,
    [property: Id(4)] string? Suggested,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] DateTimeOffset ReviewBy)
{
    /// <summary>The review limit passed with the dispute still open, and the alert for it was raised.</summary>
    [Id(7)] public bool Overdue { get; init; }

    /// <summary>Null while the dispute waits for review.</summary>
    [Id(8)] public bool? Upheld { get; init; }

    [Id(9)] public string? DecidedBy { get; init; }

    [Id(10)] public DateTimeOffset? DecidedAt { get; init; }

    [Id(11)] public string? Note { get; init; }

    /// <summary>Where an upheld dispute sent the ticket.</summary>
    [Id(12)] public string? NewLead { get; init; }

    public bool IsOpen => Upheld is null;

    /// <summary>The moment the review alert falls due, while nobody has decided and no alert was raised yet.</summary>
    public DateTimeOffset? AlertAt => IsOpen && !Overdue ? ReviewBy : null;
}
