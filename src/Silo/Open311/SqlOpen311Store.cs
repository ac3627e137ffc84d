using System.Data.Common;
using System.Text.Json;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Open311;

/// <summary>A filter of <c>GET /requests</c>: ids alone, or service codes, a period and the open/closed status.</summary>
public sealed record Open311Query(
    IReadOnlyList<string> Ids, IReadOnlyList<string> ServiceCodes, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<TicketState> States,
    int Limit);

/// <summary>The Open311 postings beside the read model's ticket rows, read together.</summary>
public sealed class SqlOpen311Store(ReadModelDatabase database)
{
    public async Task AddAsync(Open311Posting posting, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO hotline_open311_request (ticket_id, service_code, lat, lon, media_url, description, requested_at, updated_at)
            VALUES (@id, @code, @lat, @lon, @media, @description, @requested, @updated)
            ON CONFLICT (ticket_id) DO NOTHING
            """)
            .With("id", posting.TicketId).With("code", posting.ServiceCode).With("lat", posting.Lat).With("lon", posting.Long)
            .With("media", posting.MediaUrl).With("description", posting.Description)
            .With("requested", posting.RequestedAt.ToUnixTimeMilliseconds()).With("updated", posting.UpdatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<(Open311Posting Posting, TicketSummary Ticket)>> FindAsync(Open311Query query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("").With("limit", query.Limit);
        var where = new List<string>();
        string In(string prefix, IReadOnlyList<string> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                command.With($"{prefix}{i}", values[i]);
            }

            return string.Join(", ", values.Select((_, i) => $"@{prefix}{i}"));
        }

        if (query.Ids.Count > 0)
        {
            where.Add($"o.ticket_id IN ({In("id", query.Ids)})");
        }
        else
        {
            where.Add("o.requested_at >= @start AND o.requested_at < @end");
            command.With("start", query.Start.ToUnixTimeMilliseconds()).With("end", query.End.ToUnixTimeMilliseconds());
            if (query.ServiceCodes.Count > 0) where.Add($"o.service_code IN ({In("code", query.ServiceCodes)})");
            if (query.States.Count > 0) where.Add($"t.state IN ({In("state", query.States.Select(s => s.ToString()).ToList())})");
        }

        command.CommandText = $"""
            SELECT o.ticket_id, o.service_code, o.lat, o.lon, o.media_url, o.description, o.requested_at, o.updated_at, t.summary
            FROM hotline_open311_request o JOIN hotline_ticket t ON t.id = o.ticket_id
            WHERE {string.Join(" AND ", where)}
            ORDER BY o.requested_at DESC, o.ticket_id DESC LIMIT @limit
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(Open311Posting, TicketSummary)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((
                new Open311Posting(
                    reader.GetString(0), reader.GetString(1), Number(reader, 2), Number(reader, 3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetString(5), Instant(reader, 6), Instant(reader, 7)),
                JsonSerializer.Deserialize<TicketSummary>(reader.GetString(8), HotlineJson.Options)!));
        }

        return found;
    }

    private static double? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal));

    private static DateTimeOffset Instant(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal)));
}
