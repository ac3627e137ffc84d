using System.Text.Json;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Grid;

/// <summary>The open tickets of a grid cell (<see cref="TicketSummary.InWorkStates"/>), read from the read model's ticket index.</summary>
public sealed class SqlCellTickets(ReadModelDatabase database)
{
    // The states are the enum's own names, so they can stand in the statement as literals.
    private static readonly string Open =
        $"grid_cell = @cell AND state IN ({string.Join(", ", TicketSummary.InWorkStates.Select(s => $"'{s}'"))})";

    /// <summary>One page of the cell's open tickets, oldest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<TicketSummary> Items, int Total)> OpenAsync(string cell, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.Command($"SELECT COUNT(*) FROM hotline_ticket WHERE {Open}").With("cell", cell);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        await using var read = connection
            .Command($"SELECT summary FROM hotline_ticket WHERE {Open} ORDER BY accepted_at, id LIMIT @limit OFFSET @offset")
            .With("cell", cell)
            .With("limit", pageSize)
            .With("offset", (page - 1) * pageSize);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var items = new List<TicketSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!);
        }

        return (items, total);
    }
}
