namespace HotlineDispatch.Measures;

/// <summary>
/// The counters kept per day and per slice (docs/domain.md §5). Rates are computed from them when read,
/// so every counter is a plain sum: of events, or of the working minutes of replies.
/// </summary>
public static class Measure
{
    public const string Accepted = "accepted";
    public const string Resolved = "resolved";

    /// <summary>Answers at intake that came from a knowledge-base entry.</summary>
    public const string ResolvedWithKnowledge = "resolvedWithKnowledge";
    public const string Dispatched = "dispatched";
    public const string Signed = "signed";
    public const string SignedOnTime = "signedOnTime";
    public const string Returned = "returned";

    /// <summary>Tickets a dispatcher or supervisor moved away from the department (改派), counted against it.</summary>
    public const string Redispatched = "redispatched";
    public const string Replied = "replied";
    public const string RepliedOnTime = "repliedOnTime";
    public const string SurveyEligible = "surveyEligible";
    public const string Surveyed = "surveyed";
    public const string Satisfied = "satisfied";
    public const string Reopened = "reopened";

    /// <summary>Replies the closing check sent back (返工).</summary>
    public const string Reworked = "reworked";

    /// <summary>Working minutes the replies' limits allowed, and those the replies took: the speed-up (提速率).</summary>
    public const string CommittedMinutes = "committedMinutes";

    /// <inheritdoc cref="CommittedMinutes"/>
    public const string WorkedMinutes = "workedMinutes";
    public const string YellowCards = "yellowCards";
    public const string RedCards = "redCards";
    public const string Overdue = "overdue";
    public const string Supervised = "supervised";
    public const string Merged = "merged";

    /// <summary>催办 received by the department (the lead at the time).</summary>
    public const string Urged = "urged";

    /// <summary>Dispatches the department disputed (派单异议), and those of them the review upheld.</summary>
    public const string Disputed = "disputed";

    /// <inheritdoc cref="Disputed"/>
    public const string DisputesUpheld = "disputesUpheld";

    public static IReadOnlyList<string> All { get; } =
    [
        Accepted, Resolved, ResolvedWithKnowledge, Dispatched, Signed, SignedOnTime, Returned, Replied, RepliedOnTime, SurveyEligible,
        Surveyed, Satisfied, Reopened, Reworked, CommittedMinutes, WorkedMinutes, YellowCards, RedCards, Overdue, Supervised, Merged,
        Redispatched,
        Urged, Disputed, DisputesUpheld,
    ];
}
