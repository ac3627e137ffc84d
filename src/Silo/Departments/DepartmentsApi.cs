using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Departments;

/// <summary><c>/api/v1/departments</c>: the departments with live counts, and each one's queue.</summary>
public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/departments").RequireAuthorization(Policies.AnyUser);

        group.MapGet("/", async (DepartmentCatalog catalog, IGrainFactory grains) =>
        {
            var loads = await Task.WhenAll(catalog.All.Select(d => grains.GetGrain<IDepartmentGrain>(d.Code).GetLoad()));
            return Results.Ok(catalog.All.Zip(loads, (d, load) => new
            {
                d.Code,
                d.Name,
                d.NameEn,
                d.Scope,
                load.Open,
                load.Overdue,
                load.Yellow,
                load.Red,
            }));
        });

        group.MapGet("/{code}/queue", async (string code, HttpContext http, DepartmentCatalog catalog, IGrainFactory grains, SlaPolicy sla) =>
        {
            if (!catalog.Contains(code))
            {
                return Problems.NotFound($"No department has the code '{code}'.");
            }

            var user = CurrentUser.From(http.User);
            if (!user.MayActFor(code) || user.Role == Roles.GridWorker)
            {
                return Problems.Forbidden($"The queue of {code} is not yours to see.");
            }

            var queue = await grains.GetGrain<IDepartmentGrain>(code).GetQueue();
            return Results.Ok(new { items = queue.Select(s => SummaryView.Of(s, sla.Calendar)), total = queue.Count });
        });

        return group;
    }
}
