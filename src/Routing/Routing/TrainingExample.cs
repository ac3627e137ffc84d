namespace HotlineDispatch.Routing;

/// <summary>
/// One labelled text for a classifier. <see cref="Calibrates"/> marks the examples whose out-of-fold
/// predictions fit the confidence calibration: real messages, not the catalogue's scope clauses.
/// </summary>
public sealed record TrainingExample(string Text, string Label, float Weight = 1, bool Calibrates = true);
