using System.Data.Common;
using HotlineDispatch.Alerts;
using HotlineDispatch.Silo.ReadModel;

using HotlineDispatch.Silo.Routing;

namespace HotlineDispatch.Silo.Alerts;

/// <summary>The alert board in the read model's database.</summary>
public sealed class SqlAlertBoard(ReadModelDatabase database) : IAlertBoard
{
    private const string Columns = "id, kind, message, at, ticket_id, incident_id, grid_cell, acknowledged_by, acknowledged_at";

    /// <summary>Adds the alert in the caller's transaction; an alert already on the board stays as it is.</summary>
    public static Task InsertAsync(DbConnection connection, DbTransaction? transaction, Alert alert, CancellationToken cancellationToken = default) =>
        connection.Command("""
            INSERT INTO hotline_alert (id, kind, message, at, ticket_id, incident_id, grid_cell)
            VALUES (@id, @kind, @message, @at, @ticket_id, @incident_id, @grid_cell)
            ON CONFLICT (id) DO NOTHING
            """, transaction)
            .With("id", alert.Id).With("kind", alert.Kind).With("message", alert.Message).With("at", alert.At.ToUnixTimeMilliseconds())
            .With("ticket_id", alert.TicketId).With("incident_id", alert.IncidentId).With("grid_cell", alert.GridCell)
            .RunAsync(cancellationToken);

    public async Task RaiseAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, alert, cancellationToken);
    }

    public async Task<(IReadOnlyList<Alert> Items, int Total)> ListAsync(bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = openOnly ? "WHERE acknowledged_at IS NULL" : "";
        var total = Convert.ToInt32(await connection.Command($"SELECT COUNT(*) FROM hotline_alert {where}").ScalarAsync(cancellationToken));
        var items = await connection.Command($"SELECT {Columns} FROM hotline_alert {where} ORDER BY at DESC, id LIMIT @limit OFFSET @offset")
            .With("limit", pageSize).With("offset", (page - 1) * pageSize)
            .ReadAllAsync(Read, cancellationToken);
        return (items, total);
    }

    public async Task<Alert?> AcknowledgeAsync(string id, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
            UPDATE hotline_alert SET acknowledged_by = @by, acknowledged_at = @at
            WHERE id = @id AND acknowledged_at IS NULL
            """)
            .With("id", id).With("by", by).With("at", at.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
        var rows = await connection.Command($"SELECT {Columns} FROM hotline_alert WHERE id = @id")
            .With("id", id)
            .ReadAllAsync(Read, cancellationToken);
        return rows.SingleOrDefault();
    }

    private static Alert Read(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.Instant(3), r.TextOrNull(4), r.TextOrNull(5), r.TextOrNull(6))
        {
            AcknowledgedBy = r.TextOrNull(7),
            AcknowledgedAt = r.InstantOrNull(8),
        };
}
