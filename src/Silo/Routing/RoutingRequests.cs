namespace HotlineDispatch.Silo.Routing;

// The JSON bodies of the routing endpoints; every field nullable so a missing one gets a 400 naming it.

public sealed record AnalyzeRequest(string? Text, string? Channel, string? GridCell = null, string? Address = null);

public sealed record CatalogueRuleRequest(string? Department, IReadOnlyList<string>? Phrases, IReadOnlyList<string>? Places, IReadOnlyList<string>? Categories, string? Note);

public sealed record CatalogueRequest(IReadOnlyList<CatalogueRuleRequest>? Rules);
