namespace HotlineDispatch.Deadlines;

/// <summary>
/// One department's limits, bound from <c>Hotline:Sla:Departments:{code}</c>; whatever is left
/// unset falls back to the centre-wide limits.
/// </summary>
public sealed class DepartmentSlaOptions
{
    /// <summary>Sign-for limit in working time.</summary>
    public TimeSpan? SignFor { get; set; }

    /// <summary>Reply limit by ticket type name, case-insensitive.</summary>
    public Dictionary<string, TimeSpan> Reply { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
