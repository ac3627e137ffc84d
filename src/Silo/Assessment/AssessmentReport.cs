using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Silo.Measures;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>A month's assessment table: every department of the catalogue, ranked where it has enough cases.</summary>
public sealed record AssessmentTable(string Month, DateTimeOffset From, DateTimeOffset Until, bool Final, int MinimumCases,
    IReadOnlyList<DepartmentScore> Departments);

/// <summary>
/// Gathers a month's completion counts (summed in SQL), the cases that can have been overdue in it, survey counts and
/// complaints from the read model and scores them.
/// </summary>
public sealed class AssessmentReport(
    SqlAssessmentStore store, SqlMeasureStore measures, DepartmentCatalog catalog, SlaPolicy sla, AssessmentOptions options)
{
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM");

    /// <summary>The first day of the centre's month at <paramref name="now"/>.</summary>
    public DateOnly MonthOf(DateTimeOffset now)
    {
        var today = sla.Calendar.LocalDate(now);
        return new DateOnly(today.Year, today.Month, 1);
    }

    public DateTimeOffset StartOf(DateOnly month) => new(month.ToDateTime(TimeOnly.MinValue), sla.Calendar.UtcOffset);

    public async Task<AssessmentTable> ForMonthAsync(DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = StartOf(month);
        var end = StartOf(month.AddMonths(1));
        var until = now < end ? now : end;
        var completion = await store.CompletionAsync(start, until, cancellationToken);
        var cases = (await store.MaybeLateCasesAsync(start, until, cancellationToken)).ToLookup(c => c.Department, StringComparer.Ordinal);
        var complaints = await store.ComplaintsAsync(MonthKey(month), cancellationToken);
        var lastDay = sla.Calendar.LocalDate(until.AddTicks(-1));
        var surveys = await measures.SumAsync(StatsDimension.Department, month, lastDay < month ? month : lastDay, cancellationToken);

        var records = catalog.All.Select(d =>
        {
            var counts = surveys.GetValueOrDefault(d.Code) ?? new MeasureCounts();
            return new DepartmentRecord(
                d.Code,
                cases[d.Code].ToList(),
                counts[Measure.Surveyed],
                counts[Measure.Satisfied],
                complaints.Where(c => c.Department == d.Code).ToList())
            {
                Completion = completion.GetValueOrDefault(d.Code),
            };
        });
        var scores = AssessmentScoring.Score(records, start, end, now, sla.Calendar, options)
            .Select(s => surveys.GetValueOrDefault(s.Department) is { } counts
                ? s with { Disputed = counts[Measure.Disputed], DisputesUpheld = counts[Measure.DisputesUpheld] }
                : s)
            .ToList();
        return new AssessmentTable(MonthKey(month), sla.Calendar.ToLocal(start), sla.Calendar.ToLocal(until), now >= end,
            options.MinimumCases, scores);
    }
}
