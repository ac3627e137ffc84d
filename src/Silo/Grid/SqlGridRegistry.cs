using HotlineDispatch.Grid;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Grid;

/// <summary>
/// The grid registry in the read model, and the snapshot every lookup reads: loaded at start, replaced on this silo by
/// an upload, and read again every half minute so the other silos follow an upload made through one of them.
/// </summary>
public sealed class SqlGridRegistry(ReadModelDatabase database, ILogger<SqlGridRegistry> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    // Seven values a row: a statement stays well inside both engines' parameter limits.
    private const int RowsPerStatement = 150;

    private volatile GridRegistry _current = GridRegistry.Empty;

    public GridRegistry Current => _current;

    public async Task<GridRegistry> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var places = await connection.Command("SELECT cell, name, district, street, community, workers FROM hotline_grid_place ORDER BY position")
            .ReadAllAsync(r => new GridPlace(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetString(5).Split(';', StringSplitOptions.RemoveEmptyEntries)), cancellationToken);
        return _current = new GridRegistry(places);
    }

    /// <summary>Replaces the whole registry in one transaction: a reader sees the old one or the new one, never a mix.</summary>
    public async Task ReplaceAsync(GridRegistry registry, CancellationToken cancellationToken)
    {
        await using (var turn = await database.WriteTurnAsync(cancellationToken))
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.Command("DELETE FROM hotline_grid_place", transaction).RunAsync(cancellationToken);
            var position = 0;
            foreach (var chunk in registry.Places.Chunk(RowsPerStatement))
            {
                await using var command = connection.Command("", transaction);
                var rows = new List<string>(chunk.Length);
                foreach (var place in chunk)
                {
                    var i = position++;
                    command.With($"c{i}", place.Cell).With($"p{i}", i).With($"n{i}", place.Name).With($"d{i}", place.District)
                        .With($"s{i}", place.Street).With($"m{i}", place.Community).With($"w{i}", string.Join(';', place.Workers));
                    rows.Add($"(@c{i}, @p{i}, @n{i}, @d{i}, @s{i}, @m{i}, @w{i})");
                }

                command.CommandText = $"INSERT INTO hotline_grid_place (cell, position, name, district, street, community, workers) VALUES {string.Join(", ", rows)}";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        _current = registry;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LoadAsync(stoppingToken);
                await Task.Delay(Refresh, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reading the grid registry failed; trying again in {Delay}", Refresh);
                await Task.Delay(Refresh, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
