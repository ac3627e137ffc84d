using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Silo.Hosting;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Gives every finder row written before the keyword index existed its pairs (<see cref="TicketSearch"/>), once,
/// then records that in <c>hotline_ticket_grams_filled</c>; until then the keyword filter scans the words. On
/// SQLite it then keeps the planner's statistics current with <c>PRAGMA optimize</c>, at start and every few
/// hours: without them SQLite chose the state index over the grid cell's for a cell's list (60 ms against 1 ms).
/// </summary>
public sealed class TicketSearchBackfill(
    ReadModelDatabase database, [FromKeyedServices(HotlineTime.Key)] TimeProvider time, ILogger<TicketSearchBackfill> logger) : BackgroundService
{
    private const int BatchSize = 2000;
    private static readonly TimeSpan OptimizeEvery = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var filled = await FillAsync(stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("Wrote the keyword pairs of {Count} tickets from before the keyword index", filled);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Backfilling the keyword index failed; the keyword filter scans until the next start tries again");
        }

        if (database.IsPostgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await OptimizeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "PRAGMA optimize failed on the read model");
            }

            await Task.Delay(OptimizeEvery, time, stoppingToken);
        }
    }

    /// <summary>Writes the missing pairs in id order and then the marker row; returns how many tickets got theirs.</summary>
    public async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        var after = "";
        while (true)
        {
            await using var turn = await database.WriteTurnAsync(cancellationToken);
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await Scalar(connection, transaction, "SELECT COUNT(*) FROM hotline_ticket_grams_filled") > 0)
            {
                return filled;
            }

            var missing = new List<(string Id, string Words, DateTimeOffset AcceptedAt)>();
            var indexed = database.IsPostgres ? "hotline_ticket_grams" : "hotline_ticket_text";
            await using (var reader = await connection.Command($"""
                    SELECT f.id, f.words, t.accepted_at FROM hotline_ticket_find f JOIN hotline_ticket t ON t.id = f.id
                    WHERE f.id > @after AND NOT EXISTS (SELECT 1 FROM {indexed} x WHERE x.id = f.id) ORDER BY f.id LIMIT @limit
                    """, transaction)
                .With("after", after).With("limit", BatchSize)
                .ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    missing.Add((reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
                }
            }

            foreach (var (id, words, acceptedAt) in missing)
            {
                await TicketSearch.WriteAsync(connection, transaction, id, words, acceptedAt, overwrite: false);
            }

            if (missing.Count < BatchSize)
            {
                await using var done = connection.Command(
                    "INSERT INTO hotline_ticket_grams_filled (version) VALUES (1) ON CONFLICT DO NOTHING", transaction);
                await done.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            filled += missing.Count;
            if (missing.Count > 0)
            {
                after = missing[^1].Id;
            }
        }
    }

    /// <summary>
    /// Analyses the tables whose statistics are missing or stale, reading a bounded sample of each index, and
    /// keeps no statistics of the keyword index's own tables. FTS5 reads its pages by ranges of their ids; analysed
    /// at the first start, when its page table held two rows, that table stayed "two rows" to the planner, which
    /// then read every page of the index for each range, so each commit's merge grew with the index: a ticket's
    /// pairs cost about 1 ms instead of 0.1 ms after 60,000 tickets of the storm day. Without statistics the
    /// planner takes a range by its ids. Pooled connections hold the statistics they loaded, so the pool is renewed.
    /// </summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;").RunAsync(cancellationToken);
        if (Convert.ToInt64(await connection.Command("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").ScalarAsync(cancellationToken)) == 0)
        {
            return;
        }

        await connection.Command("""
            DELETE FROM sqlite_stat1 WHERE tbl LIKE 'hotline\_ticket\_grams\_%' ESCAPE '\';
            ANALYZE sqlite_schema;
            """).RunAsync(cancellationToken);
        SqliteConnection.ClearPool((SqliteConnection)connection);
    }

    private static async Task<long> Scalar(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.Command(sql, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
