using HotlineDispatch.Departments;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// <c>/api/v1/routing</c>: the dispatch catalogue (派单目录), the model in force, the corrections
/// collected, and retraining without a restart.
/// </summary>
public static class RoutingApi
{
    public static RouteGroupBuilder MapRoutingApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/routing");
        group.MapGet("/catalogue", async (IGrainFactory grains) => TypedResults.Ok(await Catalogue(grains).Get()))
            .RequireAuthorization(RoutingPolicies.Catalogue);
        group.MapPut("/catalogue", PutCatalogue).RequireAuthorization(Policies.Administration);
        group.MapGet("/model", async (IGrainFactory grains) => TypedResults.Ok(await Learning(grains).Current()))
            .RequireAuthorization(RoutingPolicies.Catalogue);
        group.MapGet("/corrections", async (IRoutingCorrections corrections, CancellationToken cancellationToken) =>
                TypedResults.Ok(new ItemList<RoutingCorrection>(await corrections.UpToAsync(await corrections.LatestAsync(cancellationToken), cancellationToken))))
            .RequireAuthorization(Policies.Administration);
        group.MapPost("/retrain", async (RouterHost router) => TypedResults.Ok(await router.RetrainAsync()))
            .RequireAuthorization(Policies.Administration);
        return group;
    }

    private static async Task<Results<Ok<DispatchCatalogue>, ProblemHttpResult>> PutCatalogue(
        CatalogueRequest body, HttpContext http, IGrainFactory grains, DepartmentCatalog departments,
        [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        if (body.Rules is null)
        {
            return Problems.Invalid("rules", "rules is required: the whole catalogue, as a list (empty to clear it).");
        }

        var rules = new List<CatalogueRule>();
        for (var i = 0; i < body.Rules.Count; i++)
        {
            var rule = body.Rules[i];
            var categories = new List<TicketType>();
            foreach (var category in rule.Categories ?? [])
            {
                if (TicketsApi.ParseEnum<TicketType>(category) is not { } type)
                {
                    return Problems.Invalid($"rules[{i}].categories",
                        $"Unknown category '{category}'; use consultation, help, complaint, report, suggestion or praise.");
                }

                categories.Add(type);
            }

            rules.Add(new CatalogueRule(rule.Department ?? "", rule.Phrases ?? [], rule.Places ?? [], categories, rule.Note));
        }

        try
        {
            DispatchCatalogue.Validate(rules, departments);
        }
        catch (TicketInputException e)
        {
            return Problems.Invalid(e.Field, e.Message);
        }

        return TypedResults.Ok(await Catalogue(grains).Replace(rules, CurrentUser.From(http.User).Name, time.GetUtcNow()));
    }

    private static IDispatchCatalogueGrain Catalogue(IGrainFactory grains) => grains.GetGrain<IDispatchCatalogueGrain>(IDispatchCatalogueGrain.Key);

    private static IRoutingLearningGrain Learning(IGrainFactory grains) => grains.GetGrain<IRoutingLearningGrain>(IRoutingLearningGrain.Key);
}
