namespace HotlineDispatch.Assessment;

/// <summary>How a case left its department: answered, given back as not its own, merged into another ticket, or moved to another department (改派).</summary>
public enum CaseOutcome
{
    Replied,
    Returned,
    Merged,
    Redispatched,
}

/// <summary>
/// One case a department answers for: a dispatch or a reopening, with the reply deadline in force.
/// <see cref="PausedAt"/> is set while the department waits for the resident (补办); <see cref="EndedAt"/>
/// when the case left the department, <see cref="Outcome"/> saying how.
/// </summary>
public sealed record AssessmentCase(
    string TicketId,
    string Department,
    bool Urgent,
    DateTimeOffset DueAt,
    DateTimeOffset? PausedAt,
    DateTimeOffset? EndedAt,
    CaseOutcome? Outcome);
