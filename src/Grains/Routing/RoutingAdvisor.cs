using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>The router itself: the catalogue's rules first, then the model; urgency by patterns or the model.</summary>
public sealed class RoutingAdvisor(RouterHost host, IGrainFactory grains)
{
    public const int Alternatives = 3;

    /// <summary>
    /// Advises on a message. <paramref name="knownType"/> is the type a person already chose (intake);
    /// without it the model's guess is used, for the catalogue's categories too. With
    /// <paramref name="wait"/>, a model still in training makes this throw <see cref="TimeoutException"/> after that long.
    /// </summary>
    public async Task<RoutingAdvice> AdviseAsync(string text, string? address, TicketType? knownType, TimeSpan? wait = null)
    {
        var model = wait is { } limit ? await host.ModelAsync().WaitAsync(limit) : await host.ModelAsync();
        var catalogue = await grains.GetGrain<IDispatchCatalogueGrain>(IDispatchCatalogueGrain.Key).Get();
        var ranking = model.RankDepartments(text);
        var type = knownType ?? model.Type(text);
        var rule = catalogue.Match(text, address, type);
        var department = rule is null ? ranking[0] : new DepartmentGuess(rule.Department, 1.0);
        return new RoutingAdvice(
            department,
            ranking.Where(g => g.Code != department.Code).Take(Alternatives).ToList(),
            rule is null ? RoutingAdvice.FromModel : RoutingAdvice.FromCatalogue,
            type,
            Math.Round(model.RequestProbability(text), 4),
            model.UrgentCue(text));
    }
}
