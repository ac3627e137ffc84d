using System.Data.Common;
using System.Text;
using System.Text.Json;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>Reads ticket summaries from the read model; filters become indexed SQL, never a scan of grain state.</summary>
public sealed class SqlTicketIndex(ReadModelDatabase database) : ITicketIndex
{
    public async Task<IReadOnlyList<TicketSummary>> WithDepartmentAsync(string department, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = connection
            .Command("SELECT summary FROM hotline_ticket WHERE with_department = 1 AND (lead = @department OR co LIKE @co)")
            .With("department", department)
            .With("co", $"%,{department},%");
        return await ReadSummaries(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> CardsDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection
            .Command("SELECT id FROM hotline_ticket WHERE next_card_at <= @now ORDER BY next_card_at LIMIT @limit")
            .With("now", now.ToUnixTimeMilliseconds())
            .With("limit", limit)
            .ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<TicketPage> SearchAsync(TicketQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        int total;
        await using (var count = Filtered(connection, query, "COUNT(*)", ""))
        {
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        }

        var page = Filtered(connection, query, "summary", " ORDER BY accepted_at DESC, id DESC LIMIT @limit OFFSET @offset")
            .With("limit", query.PageSize).With("offset", (query.Page - 1) * query.PageSize);
        return new TicketPage(await ReadSummaries(page, cancellationToken), total);
    }

    /// <summary>Every ticket the query matches, newest first, read one row at a time (paging ignored): for exports of any size.</summary>
    public async IAsyncEnumerable<TicketSummary> StreamAsync(
        TicketQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Filtered(connection, query, "summary", " ORDER BY accepted_at DESC, id DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!;
        }
    }

    private static DbCommand Filtered(DbConnection connection, TicketQuery query, string select, string tail)
    {
        var command = connection.Command("");
        var where = new StringBuilder("1 = 1");
        void Filter(string clause, params (string Name, object Value)[] parameters)
        {
            where.Append(" AND ").Append(clause);
            foreach (var (name, value) in parameters)
            {
                command.With(name, value);
            }
        }

        if (query.State is { } state) Filter("state = @state", ("state", state.ToString()));
        if (query.Department is { } department) Filter("(lead = @department OR co LIKE @co)", ("department", department), ("co", $"%,{department},%"));
        if (query.GridCell is { } cell) Filter("grid_cell = @cell", ("cell", cell));
        if (query.From is { } from) Filter("accepted_at >= @from", ("from", from.ToUnixTimeMilliseconds()));
        if (query.To is { } to) Filter("accepted_at < @to", ("to", to.ToUnixTimeMilliseconds()));
        if (query.Overdue is { } overdue)
        {
            var clause = "(with_department = 1 AND reply_by < @now)";
            Filter(overdue ? clause : $"NOT {clause}", ("now", query.Now.ToUnixTimeMilliseconds()));
        }

        command.CommandText = $"SELECT {select} FROM hotline_ticket WHERE {where}{tail}";
        return command;
    }

    private static async Task<IReadOnlyList<TicketSummary>> ReadSummaries(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var summaries = new List<TicketSummary>();
            while (await reader.ReadAsync(cancellationToken))
            {
                summaries.Add(JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!);
            }

            return summaries;
        }
    }
}
