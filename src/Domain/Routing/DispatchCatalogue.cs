using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// The admin-maintained dispatch catalogue (派单目录). Its rules take precedence over the model, in
/// their order: the first rule that matches decides.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.dispatch-catalogue.v1")]
public sealed record DispatchCatalogue(
    [property: Id(0)] IReadOnlyList<CatalogueRule> Rules,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset? UpdatedAt,
    [property: Id(3)] string? UpdatedBy)
{
    public const int MaxRules = 2000;
    private const int MaxTerm = 100;

    public static DispatchCatalogue Empty { get; } = new([], 0, null, null);

    public CatalogueRule? Match(string text, string? address, TicketType? type)
    {
        var normalizedText = RoutingText.Normalize(text);
        var normalizedAddress = RoutingText.Normalize(address);
        return Rules.FirstOrDefault(r => r.Matches(normalizedText, normalizedAddress, type));
    }

    /// <summary>Checks rules an admin submitted; throws <see cref="TicketInputException"/> naming the first bad field.</summary>
    public static IReadOnlyList<CatalogueRule> Validate(IReadOnlyList<CatalogueRule> rules, DepartmentCatalog departments)
    {
        if (rules.Count > MaxRules)
        {
            throw new TicketInputException("rules", $"At most {MaxRules} rules; split the catalogue or drop unused rules.");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!departments.Contains(rule.Department))
            {
                throw new TicketInputException($"rules[{i}].department", $"Unknown department '{rule.Department}'; use a code of GET /api/v1/departments.");
            }

            if (rule.Phrases.Count == 0 && rule.Places.Count == 0)
            {
                throw new TicketInputException($"rules[{i}].phrases", "A rule needs at least one phrase or place, or it would take every message.");
            }

            foreach (var (field, terms) in new[] { ("phrases", rule.Phrases), ("places", rule.Places) })
            {
                if (terms.Any(t => RoutingText.Normalize(t).Length is 0 or > MaxTerm))
                {
                    throw new TicketInputException($"rules[{i}].{field}", $"Each of {field} must be 1 to {MaxTerm} characters.");
                }
            }
        }

        return rules;
    }
}
