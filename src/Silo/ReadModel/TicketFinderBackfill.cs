using Microsoft.Extensions.DependencyInjection;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>
/// Gives every ticket projected before <c>hotline_ticket_find</c> existed its row there, so the list's filters by
/// caller, words, channel and flags find it too. The ticket index lacks the caller's number and the full text,
/// so each such ticket is read from its grain once. Runs at start-up until none is missing, which it then records in
/// <c>hotline_ticket_find_filled</c> so that later starts do not look; several silos doing it at once only repeat
/// work, since a backfilled row never overwrites one already there.
/// </summary>
public sealed class TicketFinderBackfill(
    ReadModelDatabase database, IGrainFactory grains, SiloReadiness readiness, [FromKeyedServices(HotlineTime.Key)] TimeProvider time,
    ILogger<TicketFinderBackfill> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
        }

        try
        {
            var filled = await FillAsync(stoppingToken);
            if (filled > 0)
            {
                logger.LogInformation("Gave {Count} tickets projected before the finder existed their finder rows", filled);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Backfilling the ticket finder failed; it is tried again at the next start");
        }
    }

    /// <summary>Fills every missing row, in id order, then, unless a ticket could not be read, records that none is missing; returns how many were written.</summary>
    public async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (Convert.ToInt64(await connection.Command("SELECT COUNT(*) FROM hotline_ticket_find_filled").ScalarAsync(cancellationToken)) > 0)
            {
                return 0;
            }
        }

        var (filled, skipped) = (0, 0);
        var after = "";
        while (await MissingAsync(after, cancellationToken) is { Count: > 0 } missing)
        {
            var tickets = new List<TicketSnapshot>(missing.Count);
            foreach (var id in missing)
            {
                try
                {
                    tickets.Add(await grains.GetGrain<ITicketGrain>(id).Get());
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Skipped rather than retried: one unreadable ticket must not keep the others from their rows.
                    logger.LogWarning(ex, "Ticket {Id} could not be read for its finder row", id);
                    skipped++;
                }
            }

            await using (await database.WriteTurnAsync(cancellationToken))
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var ticket in tickets)
                {
                    await TicketFinderProjection.Backfill(ticket)(connection, transaction, 0);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            filled += tickets.Count;
            after = missing[^1];
        }

        // A ticket skipped here is looked for again at the next start.
        if (skipped == 0)
        {
            await using (await database.WriteTurnAsync(cancellationToken))
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.Command("INSERT INTO hotline_ticket_find_filled (version) VALUES (1) ON CONFLICT DO NOTHING").RunAsync(cancellationToken);
            }
        }

        return filled;
    }

    private async Task<IReadOnlyList<string>> MissingAsync(string after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("""
                SELECT t.id FROM hotline_ticket t LEFT JOIN hotline_ticket_find f ON f.id = t.id
                WHERE f.id IS NULL AND t.id > @after ORDER BY t.id LIMIT @limit
                """)
            .With("after", after).With("limit", BatchSize)
            .ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
