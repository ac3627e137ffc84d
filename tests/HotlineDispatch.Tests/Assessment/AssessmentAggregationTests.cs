using System.Text.Json;
using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Silo.Assessment;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineDispatch.Tests.Assessment;

/// <summary>
/// The report takes completion from the tally (the cut-off's own day counted from the rows) and reads only the cases
/// that can have been late; on the same cases, whether the projection kept the tally as they opened, moved and ended
/// or the start-up backfill built it for an upgraded database, its table must be the domain's scoring of every case,
/// to the last overdue case, in the month still running and in the months around it.
/// </summary>
public abstract class AssessmentAggregationTests(string storageKind)
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.From(new CalendarOptions());
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly string[] Departments = ["CGJ", "JTJ", "SWJ", "ZJJ"];
    private static readonly DateTimeOffset Start = Calendar.StartOf(November);
    private static readonly DateTimeOffset End = Calendar.StartOf(November.AddMonths(1));
    private static readonly DateTimeOffset MidMonth = Start.AddDays(17).AddHours(10);

    /// <summary>
    /// Cases late for months, due long before the months asked about and ended in them or after: the second, half a year
    /// late, is the longest lateness of all, so a month must read the late cases due from half a year before it.
    /// </summary>
    private static readonly (DateTimeOffset Due, DateTimeOffset Ended)[] LongLate =
    [
        (Start.AddMonths(-3).AddHours(9), MidMonth),
        (Start.AddMonths(-5).AddDays(3), End.AddDays(5)),
        (Start.AddMonths(-2).AddDays(12), MidMonth.AddDays(-20)),
    ];

    [Fact]
    public async Task The_backfill_of_an_upgraded_database_runs_once_gives_the_scoring_of_every_case_and_is_rebuilt_for_another_offset()
    {
        var database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        var cases = Cases();
        await InsertAsync(database, cases);

        // Two silos starting together: one builds the tally, the other finds it built.
        var fills = await Task.WhenAll(Backfill(database, Calendar).FillAsync(CancellationToken.None), Backfill(database, Calendar).FillAsync(CancellationToken.None));
        Assert.Single(fills, filled => filled);
        Assert.False(await Backfill(database, Calendar).FillAsync(CancellationToken.None));
        await AssertTablesAsync(database, Calendar, cases);

        var utc = WorkingCalendar.From(new CalendarOptions { UtcOffset = TimeSpan.Zero });
        Assert.True(await Backfill(database, utc).FillAsync(CancellationToken.None));
        await AssertTablesAsync(database, utc, cases);
    }

    [Fact]
    public async Task The_tally_the_projection_moves_as_cases_open_change_deadline_and_end_gives_the_scoring_of_every_case()
    {
        var database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        var projection = new AssessmentProjection(new AssessmentTally(Calendar));
        var random = new Random(20261102);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            for (var i = 0; i < 300; i++)
            {
                var ticket = TicketSnapshot.Of(new Ticket($"20261102-{i:000000}")) with { Urgent = random.Next(8) == 0 };
                var events = History(random, i);
                // Projected in a few turns, as a ticket's events arrive over days.
                for (var from = 0; from < events.Count;)
                {
                    var count = Math.Min(events.Count - from, 1 + random.Next(3));
                    await using var transaction = await connection.BeginTransactionAsync();
                    await projection.Capture(ticket, events.GetRange(from, count))!(connection, transaction, from);
                    await transaction.CommitAsync();
                    from += count;
                }
            }

            // Projected last: the longest lateness grows after the others were written, and the months must follow it.
            foreach (var (i, (due, ended)) in LongLate.Index())
            {
                var ticket = TicketSnapshot.Of(new Ticket($"20261102-9{i:00000}"));
                var dispatch = new TicketEvent(1, due.AddDays(-5), "test", TicketActions.Dispatch, null, TicketState.Dispatched, null)
                {
                    Department = Departments[i % Departments.Length], ReplyBy = due,
                };
                var reply = new TicketEvent(2, ended, "test", TicketActions.Reply, null, TicketState.Replied, null);
                await using var transaction = await connection.BeginTransactionAsync();
                await projection.Capture(ticket, [dispatch, reply])!(connection, transaction, 0);
                await transaction.CommitAsync();
            }
        }

        await using var read = await database.OpenAsync(CancellationToken.None);
        var cases = await SqlAssessmentStore.ReadCasesAsync(
            read.Command($"SELECT {SqlAssessmentStore.CaseColumns} FROM hotline_assessment_case"), CancellationToken.None);
        Assert.Contains(cases, c => c.DueAt >= Start && c.DueAt < Calendar.StartOf(Calendar.LocalDate(MidMonth)) && c.EndedAt > MidMonth);
        Assert.Contains(cases, c => c.Outcome == CaseOutcome.Redispatched);
        Assert.Equal(LongLate.Length, cases.Count(c => c.DueAt < Start.AddMonths(-1) && c.EndedAt > Start.AddMonths(-1)));
        await AssertTablesAsync(database, Calendar, cases);
    }

    private static AssessmentTallyBackfill Backfill(ReadModelDatabase database, WorkingCalendar calendar) =>
        new(database, calendar, NullLogger<AssessmentTallyBackfill>.Instance);

    /// <summary>
    /// November mid-way, at its last instant and long after; October after it; December mid-way; September long after,
    /// whose late cases were due up to three months before it.
    /// </summary>
    private static async Task AssertTablesAsync(ReadModelDatabase database, WorkingCalendar calendar, IReadOnlyList<AssessmentCase> cases)
    {
        var catalog = DepartmentCatalog.LoadEmbedded();
        var options = new AssessmentOptions { MinimumCases = 3 };
        var report = new AssessmentReport(new SqlAssessmentStore(database), new SqlMeasureStore(database), catalog, new SlaPolicy(new SlaOptions(), calendar), options);
        var asked = new (DateOnly Month, DateTimeOffset Now)[]
        {
            (November, MidMonth), (November, End.AddTicks(-1)), (November, End.AddDays(45)),
            (November.AddMonths(-1), MidMonth), (November.AddMonths(1), End.AddDays(9).AddHours(15)),
            (November.AddMonths(-2), End.AddDays(300)),
        };
        foreach (var (month, now) in asked)
        {
            var start = report.StartOf(month);
            var end = report.StartOf(month.AddMonths(1));
            var table = await report.ForMonthAsync(month, now, CancellationToken.None);
            var expected = AssessmentScoring.Score(
                catalog.All.Select(d => new DepartmentRecord(d.Code, cases.Where(c => c.Department == d.Code).ToList(), 0, 0, [])),
                start, end, now, calendar, options);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(table.Departments));
            Assert.Contains(table.Departments, d => d.Deductions.Overdue.Cases.Count > 0);
            Assert.Contains(table.Departments, d => d.Deductions.Completion.Completed < d.Deductions.Completion.Due);
        }
    }

    private static DateTimeOffset[] Boundaries => [Start, End, MidMonth, Calendar.StartOf(Calendar.LocalDate(MidMonth))];

    private static DateTimeOffset Due(Random random, int i) =>
        i % 25 == 0 ? Boundaries[random.Next(Boundaries.Length)] : Start.AddMinutes(random.Next(-21 * 1440, 45 * 1440));

    private static DateTimeOffset EndOf(Random random, int i, DateTimeOffset due) =>
        i % 20 == 0 ? Boundaries[random.Next(Boundaries.Length)] : due.AddMinutes(random.Next(-5 * 1440, 12 * 1440));

    /// <summary>
    /// Cases due from three weeks before the month to two after it, open, paused before or after their deadline, or
    /// ended early, late or exactly on a boundary by each outcome, so every branch of both rules is taken; and
    /// <see cref="LongLate"/>.
    /// </summary>
    private static List<AssessmentCase> Cases()
    {
        var random = new Random(20261101);
        var cases = new List<AssessmentCase>();
        for (var i = 0; i < 600; i++)
        {
            var due = Due(random, i);
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

            var outcome = random.Next(6) switch
            {
                0 => CaseOutcome.Returned,
                1 => CaseOutcome.Merged,
                2 => CaseOutcome.Redispatched,
                _ => CaseOutcome.Replied,
            };
            cases.Add(new AssessmentCase(id, department, urgent, due, null, EndOf(random, i, due), outcome));
        }

        cases.AddRange(LongLate.Select((l, i) =>
            new AssessmentCase($"20261101-9{i:00000}", Departments[i % Departments.Length], false, l.Due, null, l.Ended, CaseOutcome.Replied)));
        return cases;
    }

    /// <summary>
    /// A ticket's history as the projection sees it: a dispatch, then deadlines moved by extensions and the resident's
    /// information (often into another month), pauses, and ends by reply, return, merge or redispatch, with reopenings
    /// and rework after a reply opening new cases; about one in five is left open.
    /// </summary>
    private static List<TicketEvent> History(Random random, int i)
    {
        var events = new List<TicketEvent>();
        var due = Due(random, i);
        TicketEvent Add(string action, TicketState to, DateTimeOffset at, string? department = null, DateTimeOffset? replyBy = null)
        {
            var e = new TicketEvent(events.Count + 1, at, "test", action, null, to, null) { Department = department, ReplyBy = replyBy };
            events.Add(e);
            return e;
        }

        Add(TicketActions.Dispatch, TicketState.Dispatched, due.AddDays(-3), Departments[random.Next(Departments.Length)], due);
        for (var step = random.Next(1, 6); step > 0; step--)
        {
            var at = EndOf(random, i + step, due);
            switch (random.Next(9))
            {
                case 0:
                    due = Due(random, i + step);
                    Add(TicketActions.ApproveExtension, TicketState.InProgress, at, replyBy: due);
                    break;
                case 1:
                    Add(TicketActions.AwaitResident, TicketState.AwaitingResident, at);
                    due = Due(random, i + step);
                    Add(TicketActions.ResidentInfo, TicketState.InProgress, at, replyBy: due);
                    break;
                case 2:
                    Add(TicketActions.Return, TicketState.Accepted, at);
                    due = Due(random, i + step);
                    Add(TicketActions.Dispatch, TicketState.Dispatched, at, Departments[random.Next(Departments.Length)], due);
                    break;
                case 3:
                    due = Due(random, i + step);
                    Add(TicketActions.Redispatch, TicketState.Dispatched, at, Departments[random.Next(Departments.Length)], due);
                    break;
                case 4:
                    Add(TicketActions.Merge, TicketState.Merged, at);
                    return events;
                default:
                    Add(TicketActions.Reply, TicketState.Replied, at);
                    due = Due(random, i + step);
                    if (random.Next(2) == 0)
                    {
                        Add(TicketActions.Survey, TicketState.Reopened, at.AddHours(2), Departments[random.Next(Departments.Length)], due);
                    }
                    else
                    {
                        Add(TicketActions.Rework, TicketState.Dispatched, at.AddHours(2), Departments[random.Next(Departments.Length)], due);
                    }

                    break;
            }
        }

        if (random.Next(5) > 0)
        {
            Add(TicketActions.Reply, TicketState.Replied, EndOf(random, i, due));
        }

        return events;
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
