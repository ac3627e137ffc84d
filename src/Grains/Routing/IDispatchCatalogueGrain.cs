using Orleans.Concurrency;

namespace HotlineDispatch.Routing;

/// <summary>The one durable dispatch catalogue.</summary>
[Alias("hotline.IDispatchCatalogueGrain")]
public interface IDispatchCatalogueGrain : IGrainWithStringKey
{
    public const string Key = "dispatch-catalogue";

    [Alias("Get"), ReadOnly]
    Task<DispatchCatalogue> Get();

    /// <summary>Replaces every rule (rules already validated); durable when this returns.</summary>
    [Alias("Replace")]
    Task<DispatchCatalogue> Replace(IReadOnlyList<CatalogueRule> rules, string by, DateTimeOffset at);
}
