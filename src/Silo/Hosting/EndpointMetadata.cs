using Microsoft.AspNetCore.Routing.Patterns;

namespace HotlineDispatch.Silo.Hosting;

public static class EndpointMetadata
{
    /// <summary>
    /// Adds <paramref name="metadata"/> to the group's routes whose pattern matches, including routes mapped later:
    /// for what a whole family of routes shares, such as the answer of every step on one ticket.
    /// </summary>
    public static RouteGroupBuilder WithMetadataWhere(this RouteGroupBuilder group, Func<string, bool> pattern, params object[] metadata)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern: RoutePattern route } && pattern(route.RawText ?? ""))
            {
                foreach (var item in metadata)
                {
                    endpoint.Metadata.Add(item);
                }
            }
        });
        return group;
    }
}
