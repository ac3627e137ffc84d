using System.Data.Common;
using System.Text.Json;
using HotlineDispatch.Routing;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Routing;

/// <summary>
/// Routing corrections as read-model rows. They used to be one grain's state, rewritten whole (up to
/// 20,000 corrections) on every correction, with the dispatch that caused it waiting for the write.
/// </summary>
public sealed class SqlRoutingCorrections(ReadModelDatabase database) : IRoutingCorrections
{
    // Any constant: it only has to be the same on every silo.
    private const long NumberingLock = 12345_0001;

    public async Task<long> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var latest = await connection.Command("SELECT MAX(n) FROM hotline_routing_correction").ScalarAsync(cancellationToken);
        return latest is null or DBNull ? 0 : Convert.ToInt64(latest);
    }

    public async Task<IReadOnlyList<RoutingCorrection>> UpToAsync(long upTo, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("SELECT correction FROM hotline_routing_correction WHERE n <= @upTo AND n > @from ORDER BY n")
            .With("upTo", upTo)
            .With("from", upTo - RoutingLearning.MaxCorrections)
            .ReadAllAsync(r => JsonSerializer.Deserialize<RoutingCorrection>(r.GetString(0), HotlineJson.Options)!, cancellationToken);
    }

    public async Task<IReadOnlyList<long>> ImportAsync(IReadOnlyList<RoutingCorrection> corrections, CancellationToken cancellationToken = default)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RecordAsync(connection, transaction, corrections);
        var numbers = new List<long>(corrections.Count);
        foreach (var correction in corrections)
        {
            var n = await connection.Command("SELECT n FROM hotline_routing_correction WHERE ticket_id = @ticket AND seq = @seq", transaction)
                .With("ticket", correction.TicketId).With("seq", correction.Seq)
                .ScalarAsync(cancellationToken);
            numbers.Add(Convert.ToInt64(n));
        }

        await transaction.CommitAsync(cancellationToken);
        return numbers;
    }

    /// <summary>
    /// Numbers and stores the corrections inside the caller's transaction; one already stored (a projection
    /// repeated after a crash) is skipped. On PostgreSQL concurrent projectors take the numbers in turn.
    /// </summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IEnumerable<RoutingCorrection> corrections)
    {
        var locked = false;
        foreach (var correction in corrections)
        {
            if (database.IsPostgres && !locked)
            {
                await connection.Command("SELECT pg_advisory_xact_lock(@key)", transaction).With("key", NumberingLock).RunAsync();
                locked = true;
            }

            // SQLite needs the WHERE to read ON CONFLICT as the upsert clause rather than a join's.
            await connection.Command("""
                INSERT INTO hotline_routing_correction (ticket_id, seq, n, correction)
                SELECT @ticket, @seq, COALESCE(MAX(n), 0) + 1, @correction FROM hotline_routing_correction WHERE 1 = 1
                ON CONFLICT (ticket_id, seq) DO NOTHING
                """, transaction)
                .With("ticket", correction.TicketId).With("seq", correction.Seq)
                .With("correction", JsonSerializer.Serialize(correction, HotlineJson.Options))
                .RunAsync();
        }
    }
}
