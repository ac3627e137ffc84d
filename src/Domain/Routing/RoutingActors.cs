namespace HotlineDispatch.Routing;

/// <summary>The names the router's own steps carry in a ticket's history.</summary>
public static class RoutingActors
{
    public const string Router = "router";
}
