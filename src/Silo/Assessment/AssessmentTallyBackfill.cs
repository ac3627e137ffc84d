using System.Data.Common;
using System.Diagnostics;
using HotlineDispatch.Assessment;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>
/// Builds <c>hotline_assessment_tally</c> from the cases before the silo starts projecting: once for a database from
/// before the tally, and again when <c>Hotline:Calendar:UtcOffset</c> changed, since its days are the centre's. The
/// schema script cannot do it, as it does not know the offset; the offset used is the marker row.
/// </summary>
public sealed class AssessmentTallyBackfill(
    ReadModelDatabase database, WorkingCalendar calendar, ILogger<AssessmentTallyBackfill> logger) : IHostedService
{
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (await FillAsync(cancellationToken))
        {
            logger.LogInformation("Tallied the assessment's completion counts from its cases in {Elapsed}", Stopwatch.GetElapsedTime(started));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Rebuilds the tally month by month in one transaction unless it was built with this offset; true when it did.</summary>
    public async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var offset = (long)calendar.UtcOffset.TotalMilliseconds;
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.IsPostgres)
        {
            // Another silo may be projecting, or starting: its case changes and its own backfill wait until the tally is whole.
            await connection.Command("LOCK TABLE hotline_assessment_case IN SHARE ROW EXCLUSIVE MODE", transaction).RunAsync(cancellationToken);
        }

        var marker = connection.Command("SELECT COUNT(*) FROM hotline_assessment_tally_filled WHERE utc_offset_minutes = @minutes", transaction)
            .With("minutes", (int)calendar.UtcOffset.TotalMinutes);
        await using (marker)
        {
            if (Convert.ToInt64(await marker.ExecuteScalarAsync(cancellationToken)) > 0)
            {
                return false;
            }
        }

        await connection.Command("DELETE FROM hotline_assessment_tally", transaction).RunAsync(cancellationToken);
        await connection.Command("DELETE FROM hotline_assessment_tally_filled", transaction).RunAsync(cancellationToken);
        if (await DueRangeAsync(connection, transaction, cancellationToken) is var (first, last))
        {
            for (var month = calendar.MonthOf(first); month <= calendar.MonthOf(last); month = month.AddMonths(1))
            {
                await FillMonthAsync(connection, transaction, month, offset, cancellationToken);
            }
        }

        await connection.Command("INSERT INTO hotline_assessment_tally_filled (utc_offset_minutes) VALUES (@minutes)", transaction)
            .With("minutes", (int)calendar.UtcOffset.TotalMinutes).RunAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The month's cases counted as of its end, grouped in the database by the centre's day and department.</summary>
    private async Task FillMonthAsync(DbConnection connection, DbTransaction transaction, DateOnly month, long offset, CancellationToken cancellationToken)
    {
        var counts = new List<(string Day, string Department, CompletionTally Counts)>();
        await using (var command = connection.Command($"""
                SELECT (due_at + @offset) / 86400000, department, {SqlAssessmentStore.CountsAtCutoff}
                FROM hotline_assessment_case
                WHERE due_at >= @start AND due_at < @cutoff
                GROUP BY 1, 2
                """, transaction)
            .With("offset", offset)
            .With("start", calendar.StartOf(month).ToUnixTimeMilliseconds())
            .With("cutoff", calendar.StartOf(month.AddMonths(1)).ToUnixTimeMilliseconds()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = DateOnly.FromDayNumber(UnixEpochDay + (int)Convert.ToInt64(reader.GetValue(0)));
                counts.Add((AssessmentTally.Key(day), reader.GetString(1),
                    new CompletionTally(Convert.ToInt32(reader.GetValue(2)), Convert.ToInt32(reader.GetValue(3)))));
            }
        }

        foreach (var (day, department, tally) in counts)
        {
            await AssessmentTally.AddAsync(connection, transaction, day, department, tally);
        }
    }

    private async Task<(DateTimeOffset First, DateTimeOffset Last)?> DueRangeAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT MIN(due_at), MAX(due_at) FROM hotline_assessment_case", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
            ? (DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0))), DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1))))
            : null;
    }
}
