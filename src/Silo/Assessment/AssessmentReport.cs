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
/// Gathers a month's completion counts (from the tally), the cases that can have been overdue in it, survey counts and
/// complaints from the read model and scores them.
/// </summary>
public sealed class AssessmentReport(
    SqlAssessmentStore store, SqlMeasureStore measures, DepartmentCatalog catalog, SlaPolicy sla, AssessmentOptions options)
{
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM");

    /// <summary>The first day of the centre's month at <paramref name="now"/>.</summary>
    public DateOnly MonthOf(DateTimeOffset now) => sla.Calendar.MonthOf(now);

    public DateTimeOffset StartOf(DateOnly month) => sla.Calendar.StartOf(month);

    public async Task<AssessmentTable> ForMonthAsync(DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = StartOf(month);
        var end = StartOf(month.AddMonths(1));
        var until = now < end ? now : end;
        var maybeLate = await store.MaybeLateCasesAsync(start, until, cancellationToken);
        var completion = await CompletionAsync(month, start, end, until, maybeLate, cancellationToken);
        var cases = maybeLate.ToLookup(c => c.Department, StringComparer.Ordinal);
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

    /// <summary>
    /// The completion counts up to the cut-off: the tally's days before the cut-off's day; the cases due that day up to
    /// the cut-off, counted from their rows; and, moved back to the cut-off, the cases due earlier that ended after it,
    /// which the tally counts as of the month's end. Those ended late, so they are among the cases read as rows.
    /// </summary>
    private async Task<Dictionary<string, CompletionTally>> CompletionAsync(DateOnly month, DateTimeOffset start, DateTimeOffset end,
        DateTimeOffset cutoff, IReadOnlyList<AssessmentCase> maybeLate, CancellationToken cancellationToken)
    {
        var cutoffDay = sla.Calendar.LocalDate(cutoff);
        var dayStart = sla.Calendar.StartOf(cutoffDay);
        var completion = new Dictionary<string, CompletionTally>(await store.TalliedAsync(month, cutoffDay, cancellationToken), StringComparer.Ordinal);
        void Add(string department, CompletionTally counts) => completion[department] = completion.GetValueOrDefault(department) + counts;

        if (dayStart < cutoff)
        {
            foreach (var (department, counts) in await store.CompletionAsync(dayStart, cutoff, cancellationToken))
            {
                Add(department, counts);
            }
        }

        foreach (var c in maybeLate.Where(c => c.DueAt < dayStart && c.EndedAt > cutoff))
        {
            Add(c.Department, CompletionTally.Of(c, start, cutoff) - CompletionTally.Of(c, start, end));
        }

        return completion;
    }
}
