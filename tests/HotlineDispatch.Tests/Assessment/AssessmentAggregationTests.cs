using System.Text.Json;
using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Assessment;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Assessment;

/// <summary>
/// The report counts completion in SQL and reads only the cases that can have been late; on the same cases, written
/// as the projection writes them, its table must be the domain's scoring of every case, to the last overdue case.
/// </summary>
public abstract class AssessmentAggregationTests(string storageKind)
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.From(new CalendarOptions());
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly string[] Departments = ["CGJ", "JTJ", "SWJ", "ZJJ"];

    [Fact]
    public async Task The_table_from_summed_counts_and_late_cases_equals_the_scoring_of_every_case()
    {
        var database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        var sla = new SlaPolicy(new SlaOptions(), Calendar);
        var catalog = DepartmentCatalog.LoadEmbedded();
        var options = new AssessmentOptions { MinimumCases = 3 };
        var report = new AssessmentReport(new SqlAssessmentStore(database), new SqlMeasureStore(database), catalog, sla, options);
        var start = report.StartOf(November);
        var end = report.StartOf(November.AddMonths(1));
        var cases = Cases(start, end);
        await InsertAsync(database, cases);

        // Mid-month (cases due and ending after the cut-off), the month's last instant, and long after the month.
        foreach (var now in new[] { start.AddDays(17).AddHours(10), end.AddTicks(-1), end.AddDays(45) })
        {
            var table = await report.ForMonthAsync(November, now, CancellationToken.None);
            var expected = AssessmentScoring.Score(
                catalog.All.Select(d => new DepartmentRecord(d.Code, cases.Where(c => c.Department == d.Code).ToList(), 0, 0, [])),
                start, end, now, Calendar, options);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(table.Departments));
            Assert.Contains(table.Departments, d => d.Deductions.Overdue.Cases.Count > 0);
            Assert.Contains(table.Departments, d => d.Deductions.Completion.Completed < d.Deductions.Completion.Due);
        }
    }

    /// <summary>
    /// Cases due from three weeks before the month to two after it, open, paused before or after their deadline, or
    /// ended early, late or exactly on a boundary by each outcome, so every branch of both rules is taken.
    /// </summary>
    private static List<AssessmentCase> Cases(DateTimeOffset start, DateTimeOffset end)
    {
        var random = new Random(20261101);
        var boundaries = new[] { start, end, start.AddDays(17).AddHours(10) };
        var cases = new List<AssessmentCase>();
        for (var i = 0; i < 600; i++)
        {
            var due = i % 25 == 0 ? boundaries[random.Next(boundaries.Length)] : start.AddMinutes(random.Next(-21 * 1440, 45 * 1440));
            var department = Departments[random.Next(Departments.Length)];
            var id = $"20261101-{i:000000}";
            var urgent = random.Next(8) == 0;
            var kind = random.Next(10);
            if (kind < 3)
            {
                DateTimeOffset? paused = kind == 0 ? due.AddHours(random.Next(-72, 72)) : null;
                cases.Add(new AssessmentCase(id, department, urgent, due, paused, null, null));
                continue;
            }

            var ended = i % 20 == 0 ? boundaries[random.Next(boundaries.Length)] : due.AddMinutes(random.Next(-5 * 1440, 12 * 1440));
            var outcome = random.Next(6) switch
            {
                0 => CaseOutcome.Returned,
                1 => CaseOutcome.Merged,
                2 => CaseOutcome.Redispatched,
                _ => CaseOutcome.Replied,
            };
            cases.Add(new AssessmentCase(id, department, urgent, due, null, ended, outcome));
        }

        return cases;
    }

    private static async Task InsertAsync(ReadModelDatabase database, IEnumerable<AssessmentCase> cases)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var c in cases)
        {
            await using var command = connection.Command("""
                INSERT INTO hotline_assessment_case (ticket_id, seq, department, urgent, due_at, paused_at, ended_at, outcome)
                VALUES (@ticket, 1, @department, @urgent, @due, @paused, @ended, @outcome)
                """, transaction)
                .With("ticket", c.TicketId)
                .With("department", c.Department)
                .With("urgent", c.Urgent ? 1 : 0)
                .With("due", c.DueAt.ToUnixTimeMilliseconds())
                .With("paused", c.PausedAt?.ToUnixTimeMilliseconds())
                .With("ended", c.EndedAt?.ToUnixTimeMilliseconds())
                .With("outcome", c.Outcome?.ToString());
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}

public sealed class SqliteAssessmentAggregationTests() : AssessmentAggregationTests(TestStorage.Sqlite);

public sealed class PostgresAssessmentAggregationTests() : AssessmentAggregationTests(TestStorage.Postgres);
