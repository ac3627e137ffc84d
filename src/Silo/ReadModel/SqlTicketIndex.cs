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

        var page = Filtered(connection, query, "t.summary", $" ORDER BY {OrderOf(query.Sort)} LIMIT @limit OFFSET @offset")
            .With("limit", query.PageSize).With("offset", (query.Page - 1) * query.PageSize);
        return new TicketPage(await ReadSummaries(page, cancellationToken), total);
    }

    /// <summary>Every ticket the query matches, in its order, read one row at a time (paging ignored): for exports of any size.</summary>
    public async IAsyncEnumerable<TicketSummary> StreamAsync(
        TicketQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Filtered(connection, query, "t.summary", $" ORDER BY {OrderOf(query.Sort)}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!;
        }
    }

    /// <summary>
    /// How many tickets are overdue now in each grid cell that has any: what the leader's map outlines, counted here so
    /// that no list of tickets has to reach the browser for it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> OverdueByCellAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection
            .Command($"SELECT t.grid_cell, COUNT(*) FROM hotline_ticket t WHERE t.grid_cell IS NOT NULL AND {Overdue} GROUP BY t.grid_cell")
            .With("now", now.ToUnixTimeMilliseconds())
            .ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1));
        }

        return counts;
    }

    // reply_by holds the instant from which a ticket counts as overdue (see TicketSummary.OverdueFrom).
    private const string Overdue = "(t.with_department = 1 AND t.reply_by < @now)";

    private static string OrderOf(TicketSort sort) => sort switch
    {
        TicketSort.Oldest => "t.accepted_at, t.id",
        // Tickets with no reply deadline (waiting for dispatch, answered) come after those with one, on both engines.
        TicketSort.ReplyBy => "CASE WHEN t.reply_by IS NULL THEN 1 ELSE 0 END, t.reply_by, t.id",
        TicketSort.SurveyCallsFirst => "CASE WHEN f.reply_path IS NULL THEN 0 ELSE 1 END, t.accepted_at, t.id",
        _ => "t.accepted_at DESC, t.id DESC",
    };

    private static DbCommand Filtered(DbConnection connection, TicketQuery query, string select, string tail)
    {
        var command = connection.Command("");
        var where = new StringBuilder("1 = 1");
        var found = false;
        void Filter(string clause, params (string Name, object Value)[] parameters)
        {
            where.Append(" AND ").Append(clause);
            foreach (var (name, value) in parameters)
            {
                command.With(name, value);
            }
        }

        void Find(string clause, params (string Name, object Value)[] parameters)
        {
            found = true;
            Filter(clause, parameters);
        }

        if (query.State is { } state) Filter("t.state = @state", ("state", state.ToString()));
        if (query.Department is { } department) Filter("(t.lead = @department OR t.co LIKE @co)", ("department", department), ("co", $"%,{department},%"));
        if (query.GridCell is { } cell) Filter("t.grid_cell = @cell", ("cell", cell));
        if (query.From is { } from) Filter("t.accepted_at >= @from", ("from", from.ToUnixTimeMilliseconds()));
        if (query.To is { } to) Filter("t.accepted_at < @to", ("to", to.ToUnixTimeMilliseconds()));
        if (query.Overdue is { } overdue)
        {
            Filter(overdue ? Overdue : $"NOT {Overdue}", ("now", query.Now.ToUnixTimeMilliseconds()));
        }

        if (query.Phone is { } phone)
        {
            // An anonymous reporter's number finds the ticket only for the one who took the report.
            Find("f.phone = @phone AND (f.anonymous = 0 OR f.known_to = @me)", ("phone", phone), ("me", query.ReporterKnownTo ?? ""));
        }

        if (query.Text is { } text) Find("f.words LIKE @words ESCAPE '\\'", ("words", $"%{Escaped(text)}%"));
        if (query.Channel is { } channel) Find("f.channel = @channel", ("channel", channel.ToString()));
        if (query.Type is { } type) Find("f.type = @type", ("type", type.ToString()));
        if (query.Urgent is { } urgent) Find("f.urgent = @urgent", ("urgent", urgent ? 1 : 0));
        if (query.Supervised is { } supervised) Find("f.supervised = @supervised", ("supervised", supervised ? 1 : 0));
        if (query.PendingExtension is { } pending) Find("f.pending_extension = @pending", ("pending", pending ? 1 : 0));
        if (query.Returned is { } returned) Find("f.returned = @returned", ("returned", returned ? 1 : 0));
        if (query.AwaitingSurvey is { } awaiting) Find("f.awaiting_survey = @awaiting", ("awaiting", awaiting ? 1 : 0));
        var join = found || query.Sort == TicketSort.SurveyCallsFirst ? " JOIN hotline_ticket_find f ON f.id = t.id" : "";
        command.CommandText = $"SELECT {select} FROM hotline_ticket t{join} WHERE {where}{tail}";
        return command;
    }

    /// <summary>The words as LIKE reads them literally: a % or _ typed into the search box is no wildcard.</summary>
    private static string Escaped(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

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
