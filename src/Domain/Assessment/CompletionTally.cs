namespace HotlineDispatch.Assessment;

/// <summary>
/// The completion item's counts (办结率): the cases whose deadline fell in the month up to the cut-off, those
/// given back, merged away or moved elsewhere by then aside, and how many of them were answered by the cut-off.
/// The read model keeps the same counts per department and day of the deadline, each case counted as of its
/// month's end, so a month's on-time cases are never read.
/// </summary>
public readonly record struct CompletionTally(int Due, int Completed)
{
    public static CompletionTally operator +(CompletionTally a, CompletionTally b) => new(a.Due + b.Due, a.Completed + b.Completed);

    public static CompletionTally operator -(CompletionTally a, CompletionTally b) => new(a.Due - b.Due, a.Completed - b.Completed);

    public static CompletionTally Of(IEnumerable<AssessmentCase> cases, DateTimeOffset monthStart, DateTimeOffset cutoff)
    {
        var tally = default(CompletionTally);
        foreach (var c in cases)
        {
            tally += Of(c, monthStart, cutoff);
        }

        return tally;
    }

    /// <summary>One case's share of the counts: nothing when its deadline is outside the month up to the cut-off.</summary>
    public static CompletionTally Of(AssessmentCase c, DateTimeOffset monthStart, DateTimeOffset cutoff)
    {
        // A case given back (or merged away, or moved elsewhere) by the cut-off was not the department's to complete.
        if (c.DueAt < monthStart || c.DueAt >= cutoff
            || (c.Outcome is CaseOutcome.Returned or CaseOutcome.Merged or CaseOutcome.Redispatched && c.EndedAt <= cutoff))
        {
            return default;
        }

        return new CompletionTally(1, c.Outcome == CaseOutcome.Replied && c.EndedAt <= cutoff ? 1 : 0);
    }
}
