using System.Data.Common;
using System.Globalization;
using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>
/// Writes <c>hotline_assessment_tally</c>: each department's completion counts by the centre's day of the deadline,
/// every case counted as of the end of its deadline's month (<see cref="CompletionTally.Of(AssessmentCase, DateTimeOffset, DateTimeOffset)"/>).
/// A month's counts are then the sum of its days' rows; <see cref="AssessmentReport"/> finishes the month still running.
/// </summary>
public sealed class AssessmentTally(WorkingCalendar calendar)
{
    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What a case adds to its deadline's day.</summary>
    public CompletionTally ShareOf(AssessmentCase c)
    {
        var month = calendar.MonthOf(c.DueAt);
        return CompletionTally.Of(c, calendar.StartOf(month), calendar.StartOf(month.AddMonths(1)));
    }

    /// <summary>Takes the shares of the cases as they were out of the tally and adds them as they are now.</summary>
    public async Task MoveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<AssessmentCase> before, IEnumerable<AssessmentCase> after)
    {
        var moves = new Dictionary<(string Day, string Department), CompletionTally>();
        foreach (var (c, taken) in before.Select(c => (c, true)).Concat(after.Select(c => (c, false))))
        {
            var key = (Key(calendar.LocalDate(c.DueAt)), c.Department);
            var moved = moves.GetValueOrDefault(key);
            moves[key] = taken ? moved - ShareOf(c) : moved + ShareOf(c);
        }

        foreach (var ((day, department), counts) in moves.Where(m => m.Value != default))
        {
            await AddAsync(connection, transaction, day, department, counts);
        }
    }

    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, string day, string department, CompletionTally counts)
    {
        await using var command = connection.Command("""
            INSERT INTO hotline_assessment_tally (day, department, due, completed) VALUES (@day, @department, @due, @completed)
            ON CONFLICT (day, department) DO UPDATE
            SET due = hotline_assessment_tally.due + excluded.due, completed = hotline_assessment_tally.completed + excluded.completed
            """, transaction)
            .With("day", day)
            .With("department", department)
            .With("due", counts.Due)
            .With("completed", counts.Completed);
        await command.ExecuteNonQueryAsync();
    }
}
