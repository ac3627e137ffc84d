namespace HotlineDispatch.Assessment;

/// <summary>Residents' rating of a department for the month (服务对象评议): 好, 较好, 一般, 较差, or no answers at all.</summary>
public enum ResidentRating
{
    Good,
    Fair,
    Average,
    Poor,
    None,
}

/// <summary>What a department had to work with in the month: its cases, survey answers and verified complaints.</summary>
public sealed record DepartmentRecord(
    string Department,
    IReadOnlyList<AssessmentCase> Cases,
    long Surveyed,
    long Satisfied,
    IReadOnlyList<VerifiedComplaint> Complaints)
{
    /// <summary>
    /// The completion counts when already summed elsewhere (the read model does it in SQL); then <see cref="Cases"/>
    /// need only hold the cases that can have been overdue in the month. Null: counted from <see cref="Cases"/>.
    /// </summary>
    public CompletionTally? Completion { get; init; }
}

/// <summary>One overdue case: the working days it was overdue within the month and what they cost.</summary>
public sealed record OverdueCase(string TicketId, int Days, double Points);

public sealed record OverdueDeduction(double Points, double Uncapped, int Days, IReadOnlyList<OverdueCase> Cases);

/// <summary>The completion rate (办结率) of the cases due in the month and its deduction.</summary>
public sealed record CompletionDeduction(double Points, int Due, int Completed, double? Rate);

public sealed record ComplaintDeduction(string Id, string? TicketId, string Note, double Points);

public sealed record Deductions(OverdueDeduction Overdue, CompletionDeduction Completion, IReadOnlyList<ComplaintDeduction> Complaints)
{
    public double Total => Overdue.Points + Completion.Points + Complaints.Sum(c => c.Points);
}

/// <summary>A department's line in the assessment table; <see cref="Rank"/> is null when it has too few cases to rank.</summary>
public sealed record DepartmentScore(
    string Department,
    int? Rank,
    string? NotRankedBecause,
    double Score,
    int Cases,
    long Surveyed,
    double? SatisfactionRate,
    ResidentRating Rating,
    double RatingPoints,
    Deductions Deductions)
{
    /// <summary>Dispatches the department disputed in the month (派单异议), and those the review upheld; they cost no points.</summary>
    public long Disputed { get; init; }

    /// <inheritdoc cref="Disputed"/>
    public long DisputesUpheld { get; init; }
}
