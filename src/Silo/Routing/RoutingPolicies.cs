using HotlineDispatch.Silo.Auth;
using Microsoft.AspNetCore.Authorization;

namespace HotlineDispatch.Silo.Routing;

/// <summary>Who may use the router's endpoints.</summary>
public static class RoutingPolicies
{
    public const string Analysis = "routing-analysis";
    public const string Catalogue = "routing-catalogue";
    public const string Alerts = "routing-alerts";
    public const string Incidents = "routing-incidents";

    public static void Add(AuthorizationOptions options)
    {
        void Policy(string name, params string[] roles) =>
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));

        Policy(Analysis, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor, Roles.GridWorker);
        Policy(Catalogue, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor);
        Policy(Alerts, Roles.Admin, Roles.Supervisor, Roles.Leader);
        Policy(Incidents, Roles.Admin, Roles.Operator, Roles.Dispatcher, Roles.Supervisor, Roles.Leader);
    }
}
