using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// One entry of the dispatch catalogue (派单目录): a message that contains one of the phrases, names one
/// of the places (in its text or address) and is of one of the categories goes to the department.
/// An empty list does not constrain; a rule needs at least one phrase or place.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.catalogue-rule.v1")]
public sealed record CatalogueRule(
    [property: Id(0)] string Department,
    [property: Id(1)] IReadOnlyList<string> Phrases,
    [property: Id(2)] IReadOnlyList<string> Places,
    [property: Id(3)] IReadOnlyList<TicketType> Categories,
    [property: Id(4)] string? Note)
{
    public bool Matches(string normalizedText, string normalizedAddress, TicketType? type) =>
        (Phrases.Count == 0 || Phrases.Any(p => normalizedText.Contains(RoutingText.Normalize(p), StringComparison.Ordinal)))
        && (Places.Count == 0 || Places.Select(RoutingText.Normalize).Any(p =>
            normalizedText.Contains(p, StringComparison.Ordinal) || normalizedAddress.Contains(p, StringComparison.Ordinal)))
        && (Categories.Count == 0 || (type is { } t && Categories.Contains(t)));
}
