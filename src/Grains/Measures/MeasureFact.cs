namespace HotlineDispatch.Measures;

/// <summary>One count for one measure on one day, attributed to a department where the event concerns one.</summary>
public sealed record MeasureFact(DateOnly Day, string Measure, string? Department);
