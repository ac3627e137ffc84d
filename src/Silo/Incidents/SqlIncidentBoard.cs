using System.Data.Common;
using HotlineDispatch.Alerts;
using HotlineDispatch.Incidents;
using HotlineDispatch.Silo.ReadModel;

using HotlineDispatch.Silo.Routing;

using HotlineDispatch.Silo.Alerts;

namespace HotlineDispatch.Silo.Incidents;

/// <summary>The incident board in the read model's database: a row per incident and one per reporting ticket.</summary>
public sealed class SqlIncidentBoard(ReadModelDatabase database) : IIncidentBoard
{
    public async Task SaveAsync(Incident incident, IReadOnlyCollection<string> joined, Alert? alert, CancellationToken cancellationToken = default)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.Command("""
            INSERT INTO hotline_incident (id, cell, summary, first_at, last_at) VALUES (@id, @cell, @summary, @first_at, @last_at)
            ON CONFLICT (id) DO UPDATE SET last_at = excluded.last_at WHERE hotline_incident.last_at < excluded.last_at
            """, transaction)
            .With("id", incident.Id).With("cell", incident.Cell).With("summary", incident.Summary)
            .With("first_at", incident.FirstAt.ToUnixTimeMilliseconds()).With("last_at", incident.LastAt.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
        foreach (var ticketId in joined)
        {
            await connection.Command("""
                INSERT INTO hotline_incident_ticket (incident_id, ticket_id) VALUES (@incident_id, @ticket_id)
                ON CONFLICT (incident_id, ticket_id) DO NOTHING
                """, transaction)
                .With("incident_id", incident.Id).With("ticket_id", ticketId)
                .RunAsync(cancellationToken);
        }

        if (alert is not null)
        {
            await SqlAlertBoard.InsertAsync(connection, transaction, alert, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<Incident> Items, int Total)> ListAsync(
        string? cell, DateTimeOffset? from, DateTimeOffset? to, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        // Only the filters given become conditions: PostgreSQL cannot type a parameter that is only compared with NULL.
        var conditions = new List<string>();
        if (cell is not null) conditions.Add("i.cell = @cell");
        if (from is not null) conditions.Add("i.last_at >= @from");
        if (to is not null) conditions.Add("i.first_at < @to");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        void Bind(DbCommand command)
        {
            if (cell is not null) command.With("cell", cell);
            if (from is { } since) command.With("from", since.ToUnixTimeMilliseconds());
            if (to is { } until) command.With("to", until.ToUnixTimeMilliseconds());
        }

        int total;
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var count = connection.Command($"SELECT COUNT(*) FROM hotline_incident i {where}"))
        {
            Bind(count);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        }

        var items = await QueryAsync($"{where} ORDER BY i.last_at DESC, i.id LIMIT @limit OFFSET @offset",
            command =>
            {
                Bind(command);
                command.With("limit", pageSize).With("offset", (page - 1) * pageSize);
            },
            cancellationToken);
        return (items, total);
    }

    public Task<IReadOnlyList<Incident>> RecentAsync(string cell, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync("WHERE i.cell = @cell AND i.last_at >= @since ORDER BY i.last_at DESC, i.id",
            command => command.With("cell", cell).With("since", since.ToUnixTimeMilliseconds()), cancellationToken);

    /// <summary>The incidents <paramref name="filter"/> picks, each with its tickets: two queries however many there are.</summary>
    private async Task<IReadOnlyList<Incident>> QueryAsync(string filter, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var picked = connection.Command($"SELECT i.id, i.cell, i.summary, i.first_at, i.last_at FROM hotline_incident i {filter}");
        bind(picked);
        var incidents = await picked.ReadAllAsync(
            r => new Incident(r.GetString(0), r.GetString(1), r.GetString(2), [], r.Instant(3), r.Instant(4)), cancellationToken);

        var members = connection.Command($"""
            SELECT incident_id, ticket_id FROM hotline_incident_ticket
            WHERE incident_id IN (SELECT i.id FROM hotline_incident i {filter})
            ORDER BY incident_id, ticket_id
            """);
        bind(members);
        var tickets = (await members.ReadAllAsync(r => (Incident: r.GetString(0), Ticket: r.GetString(1)), cancellationToken))
            .ToLookup(m => m.Incident, m => m.Ticket);
        return incidents.Select(i => i with { TicketIds = tickets[i.Id].ToList() }).ToList();
    }
}
