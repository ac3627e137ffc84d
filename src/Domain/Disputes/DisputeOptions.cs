namespace HotlineDispatch.Disputes;

/// <summary>
/// How long after a dispatch its lead may dispute it, and how long the review may take, bound from
/// <c>Hotline:Disputes</c> (docs/domain.md §9). Working time, whose days are working days, as for every limit;
/// an urgent ticket's run in clock time.
/// </summary>
public sealed class DisputeOptions
{
    public const string SectionName = "Hotline:Disputes";

    /// <summary>After this, a dispute is refused and a return by the lead needs the review as well.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(2);

    /// <summary>When a dispute still waits for its decision after this, supervisors are alerted.</summary>
    public TimeSpan Review { get; set; } = TimeSpan.FromHours(1);
}
