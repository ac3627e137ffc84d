namespace HotlineDispatch.Measures;

/// <summary>
/// What one event adds to one measure on one day (a count of one, or minutes of working time),
/// attributed to a department where the event concerns one.
/// </summary>
public sealed record MeasureFact(DateOnly Day, string Measure, string? Department, long Amount = 1);
