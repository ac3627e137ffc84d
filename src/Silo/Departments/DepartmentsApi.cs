using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Assessment;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Assessment;
using HotlineDispatch.Tickets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineDispatch.Silo.Departments;

/// <summary>A department of the catalogue with its live counts.</summary>
public sealed record DepartmentView(string Code, string Name, string NameEn, string Scope, int Open, int Overdue, int Yellow, int Red);

/// <summary>
/// A department's queue. A paged one also carries, per ticket, the steps the caller may take on it (a console card's
/// buttons); the whole queue leaves <c>actions</c> out.
/// </summary>
public sealed record DepartmentQueue(
    IReadOnlyList<SummaryView> Items, int Total,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Actions = null);

/// <summary>A department's rates this month and its line in this month's assessment (null before it has one).</summary>
public sealed record DepartmentRecord(string Month, StatsRow Rates, DepartmentScore? Assessment);

/// <summary><c>/api/v1/departments</c>: the departments with live counts, each one's queue, and each one's record of the month.</summary>
public static class DepartmentsApi
{
    public static RouteGroupBuilder MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/departments").RequireAuthorization(Policies.AnyUser);

        group.MapGet("/", async Task<Ok<IReadOnlyList<DepartmentView>>> (DepartmentCatalog catalog, IGrainFactory grains) =>
        {
            var loads = await Task.WhenAll(catalog.All.Select(d => grains.GetGrain<IDepartmentGrain>(d.Code).GetLoad()));
            return TypedResults.Ok<IReadOnlyList<DepartmentView>>(
                [.. catalog.All.Zip(loads, (d, load) => new DepartmentView(d.Code, d.Name, d.NameEn, d.Scope, load.Open, load.Overdue, load.Yellow, load.Red))]);
        });

        group.MapGet("/{code}/queue", async Task<Results<Ok<DepartmentQueue>, ProblemHttpResult>> (string code, HttpContext http, DepartmentCatalog catalog, IGrainFactory grains, SlaPolicy sla,
            TicketOffers offers, int? page, int? pageSize) =>
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
            // Paged when asked (the console asks): a busy department's queue is not sent whole to a browser polling it.
            if (page is not null || pageSize is not null)
            {
                if (Paging.Check(page, pageSize, out var number, out var size) is { } problem)
                {
                    return problem;
                }

                var onPage = queue.Skip((number - 1) * size).Take(size).ToList();
                // The buttons of a page's cards come from the rule the ticket's own page uses, so a card never offers
                // a step the API would refuse; each card's grain is asked once, for one page only.
                var offered = await Task.WhenAll(onPage.Select(async s => (s.Id, Actions: await offers.ForAsync(s, http.User))));
                return TypedResults.Ok(new DepartmentQueue([.. onPage.Select(s => SummaryView.Of(s, sla.Calendar))], queue.Count,
                    offered.ToDictionary(o => o.Id, o => o.Actions)));
            }

            return TypedResults.Ok(new DepartmentQueue([.. queue.Select(s => SummaryView.Of(s, sla.Calendar))], queue.Count));
        });

        // A department sees its own rates and assessment, which the statistics and the assessment table show to
        // those who read every department's.
        group.MapGet("/{code}/record", async Task<Results<Ok<DepartmentRecord>, ProblemHttpResult>> (string code, HttpContext http, DepartmentCatalog catalog, SlaPolicy sla, SqlMeasureStore store,
            AssessmentReport report, IAuthorizationService authorization, [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            if (!catalog.Contains(code))
            {
                return Problems.NotFound($"No department has the code '{code}'.");
            }

            var user = CurrentUser.From(http.User);
            var readsAll = (await authorization.AuthorizeAsync(http.User, Policies.Measures)).Succeeded
                && (await authorization.AuthorizeAsync(http.User, AssessmentApi.ReadPolicy)).Succeeded;
            if (!(readsAll || (user.Role == Roles.Department && user.Department == code)))
            {
                return Problems.Forbidden($"The record of {code} is not yours to see.");
            }

            var now = time.GetUtcNow();
            var month = report.MonthOf(now);
            var counts = await store.SumAsync(StatsDimension.Department, month, sla.Calendar.LocalDate(now), cancellationToken);
            var table = await report.ForMonthAsync(month, now, cancellationToken);
            return TypedResults.Ok(new DepartmentRecord(table.Month,
                StatsApi.Row(StatsDimension.Department, code, counts.GetValueOrDefault(code) ?? new MeasureCounts(), catalog),
                table.Departments.FirstOrDefault(d => d.Department == code)));
        });

        return group;
    }
}
