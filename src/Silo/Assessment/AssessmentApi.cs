using System.Globalization;
using HotlineDispatch.Assessment;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>A month's assessment table as <c>GET /api/v1/assessment</c> answers it.</summary>
public sealed record AssessmentView(string Month, DateTimeOffset From, DateTimeOffset Until, bool Final, int MinimumCases,
    IReadOnlyList<AssessmentLine> Departments);

/// <summary>A department's line of the table, with its name, its rating's label and its deductions summed.</summary>
public sealed record AssessmentLine(
    int? Rank, string Department, string? Name, double Score, int Cases, string? NotRankedBecause, long Surveyed, double? SatisfactionRate,
    ResidentRating Rating, string RatingLabel, double RatingPoints, double DeductionTotal, Deductions Deductions, long Disputed, long DisputesUpheld);

/// <summary>
/// <c>/api/v1/assessment</c>: the monthly department assessment (docs/domain.md §5) for leaders, supervisors
/// and admins, and the verified complaints that supervisors record against departments.
/// </summary>
public static class AssessmentApi
{
    public const string ReadPolicy = "assessment-read";

    private static readonly string[] RatingLabels = ["好", "较好", "一般", "较差", "无评议"];

    public sealed record ComplaintRequest(string? Department, string? Month, string? TicketId, string? Note, int? Points);

    public static RouteGroupBuilder MapAssessmentApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/assessment");

        group.MapGet("/", async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> (string? month, AssessmentReport report, [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
            DepartmentCatalog catalog, CancellationToken cancellationToken) =>
        {
            var now = time.GetUtcNow();
            if (ParseMonth(month, report, now) is not { } first)
            {
                return Problems.Invalid("month", "month must be a month such as 2026-11, not in the future.");
            }

            var table = await report.ForMonthAsync(first, now, cancellationToken);
            return TypedResults.Ok(new AssessmentView(table.Month, table.From, table.Until, table.Final, table.MinimumCases,
            [
                .. table.Departments.Select(d => new AssessmentLine(d.Rank, d.Department, catalog.Find(d.Department)?.Name, d.Score, d.Cases,
                    d.NotRankedBecause, d.Surveyed, d.SatisfactionRate, d.Rating, RatingLabels[(int)d.Rating], d.RatingPoints, d.Deductions.Total,
                    d.Deductions, d.Disputed, d.DisputesUpheld)),
            ]));
        }).RequireAuthorization(ReadPolicy);

        group.MapGet("/complaints", async Task<Results<Ok<ItemList<VerifiedComplaint>>, ProblemHttpResult>> (string? month, AssessmentReport report, SqlAssessmentStore store,
            [FromKeyedServices(HotlineTime.Key)] TimeProvider time, CancellationToken cancellationToken) =>
            ParseMonth(month, report, time.GetUtcNow()) is { } first
                ? TypedResults.Ok(new ItemList<VerifiedComplaint>(await store.ComplaintsAsync(AssessmentReport.MonthKey(first), cancellationToken)))
                : Problems.Invalid("month", "month must be a month such as 2026-11, not in the future."))
            .RequireAuthorization(ReadPolicy);

        group.MapPost("/complaints", async Task<Results<Created<VerifiedComplaint>, ProblemHttpResult>> (ComplaintRequest body, HttpContext http, AssessmentReport report, SqlAssessmentStore store,
            DepartmentCatalog catalog, AssessmentOptions options, [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            var now = time.GetUtcNow();
            if (!catalog.Contains(body.Department)) return Problems.Invalid("department", "department must be a department code; see GET /api/v1/departments.");
            if (ParseMonth(body.Month, report, now) is not { } month) return Problems.Invalid("month", "month must be a month such as 2026-11, not in the future.");
            if (string.IsNullOrWhiteSpace(body.Note) || body.Note.Length > 2000) return Problems.Invalid("note", "note must say what was verified, in at most 2000 characters.");
            if (body.TicketId is { } ticket && !HotlineDispatch.Tickets.TicketNumbers.IsWellFormed(ticket)) return Problems.Invalid("ticketId", "ticketId must be a ticket number such as 20261123-000042.");
            var points = body.Points ?? options.DefaultComplaintPoints;
            if (points is < 1 or > 20) return Problems.Invalid("points", "points must be between 1 and 20 (seed 003: 2 to 5 a case, as the circumstances warrant).");

            var complaint = new VerifiedComplaint("vc-" + Guid.NewGuid().ToString("N"), AssessmentReport.MonthKey(month), body.Department!,
                body.TicketId, body.Note.Trim(), points, CurrentUser.From(http.User).Name, now);
            await store.AddComplaintAsync(complaint, cancellationToken);
            return TypedResults.Created($"/api/v1/assessment/complaints/{complaint.Id}", complaint);
        }).RequireAuthorization(Policies.Supervision);

        group.MapDelete("/complaints/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, SqlAssessmentStore store, CancellationToken cancellationToken) =>
            await store.RemoveComplaintAsync(id, cancellationToken)
                ? TypedResults.NoContent()
                : Problems.NotFound($"No verified complaint has the id '{id}'."))
            .RequireAuthorization(Policies.Supervision);

        return group;
    }

    /// <summary>A month (yyyy-MM), the current one when not given; never one that has not begun.</summary>
    private static DateOnly? ParseMonth(string? value, AssessmentReport report, DateTimeOffset now)
    {
        var thisMonth = report.MonthOf(now);
        if (value is null)
        {
            return thisMonth;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month <= thisMonth
            ? month
            : null;
    }
}
