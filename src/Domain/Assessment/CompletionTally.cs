namespace HotlineDispatch.Assessment;

/// <summary>
/// The completion item's counts (办结率): the cases whose deadline fell in the month up to the cut-off, those
/// given back, merged away or moved elsewhere by then aside, and how many of them were answered by the cut-off.
/// The read model sums the same two counts per department in SQL, so a month's on-time cases are never read.
/// </summary>
public readonly record struct CompletionTally(int Due, int Completed)
{
    public static CompletionTally Of(IEnumerable<AssessmentCase> cases, DateTimeOffset monthStart, DateTimeOffset cutoff)
    {
        int due = 0, completed = 0;
        foreach (var c in cases)
        {
            // A case given back (or merged away, or moved elsewhere) by the cut-off was not the department's to complete.
            if (c.DueAt < monthStart || c.DueAt >= cutoff
                || (c.Outcome is CaseOutcome.Returned or CaseOutcome.Merged or CaseOutcome.Redispatched && c.EndedAt <= cutoff))
            {
                continue;
            }

            due++;
            if (c.Outcome == CaseOutcome.Replied && c.EndedAt <= cutoff)
            {
                completed++;
            }
        }

        return new CompletionTally(due, completed);
    }
}
