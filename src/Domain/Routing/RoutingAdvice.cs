using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>
/// What the router advises for one message: the department (from the catalogue when a rule matches,
/// else the model), the other likely departments, the type, whether it is a request, and urgency.
/// </summary>
public sealed record RoutingAdvice(
    DepartmentGuess Department,
    IReadOnlyList<DepartmentGuess> Alternatives,
    string DepartmentSource,
    TicketType Type,
    double RequestConfidence,
    string? UrgentCue)
{
    public const string FromCatalogue = "catalogue";
    public const string FromModel = "model";

    /// <summary>The department and its alternatives, most likely first: what a dispatcher is shown.</summary>
    public IReadOnlyList<DepartmentGuess> Suggestions => [Department, .. Alternatives];
}
