using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>The Chinese names of ticket types that the labelled samples and residents use (docs/api.md).</summary>
public static class TicketTypeNames
{
    private static readonly Dictionary<string, TicketType> ByName = new(StringComparer.Ordinal)
    {
        ["咨询"] = TicketType.Consultation,
        ["求助"] = TicketType.Help,
        ["投诉"] = TicketType.Complaint,
        ["举报"] = TicketType.Report,
        ["建议"] = TicketType.Suggestion,
        ["表扬"] = TicketType.Praise,
    };

    public static TicketType Parse(string name) =>
        ByName.TryGetValue(name, out var type) ? type : throw new FormatException($"Unknown ticket type name '{name}'.");
}
