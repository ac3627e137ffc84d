using System.Data.Common;
using System.Text;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>Reads ticket summaries from the read model; filters become indexed SQL, never a scan of grain state.</summary>
public sealed class SqlTicketIndex(ReadModelDatabase database) : ITicketIndex
{
    /// <summary>
    /// A keyword search counts its matches up to here and then answers "at least": a common word over years of
    /// tickets matches a tenth of them, each match counted is a row read and, for a longer keyword, words checked, and
    /// past a thousand an operator narrows the search rather than reads on.
    /// </summary>
    public const int KeywordCountCap = 1_000;

    /// <summary>How many rows of a keyword search's list, in its order, are read and checked before the pairs are asked instead.</summary>
    private const int WalkRows = 2_000;

    private volatile bool _gramsFilled;

    public async Task<IReadOnlyList<TicketSummary>> WithDepartmentAsync(string department, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = connection
            .Command("SELECT summary FROM hotline_ticket WHERE with_department = 1 AND id IN (SELECT id FROM hotline_ticket_department WHERE department = @department)")
            .With("department", department);
        return await ReadSummaries(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DueTicket>> CardsDueAsync(DateTimeOffset now, DueTicket? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection
            .Command("""
                SELECT id, next_card_at FROM hotline_ticket
                WHERE next_card_at <= @now AND (next_card_at > @after_at OR (next_card_at = @after_at AND id > @after_id))
                ORDER BY next_card_at, id LIMIT @limit
                """)
            .With("now", now.ToUnixTimeMilliseconds())
            .With("after_at", after?.NextCardAtMillis ?? long.MinValue)
            .With("after_id", after?.Id ?? "")
            .With("limit", limit)
            .ReadAllAsync(r => new DueTicket(r.GetString(0), Convert.ToInt64(r.GetValue(1))), cancellationToken);
    }

    public async Task<TicketPage> SearchAsync(TicketQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var offset = query.Cursor is null ? (query.Page - 1) * query.PageSize : 0;
        if (query.Text is not null && query.Sort is TicketSort.Newest or TicketSort.Oldest && await GramsFilledAsync(connection, cancellationToken))
        {
            return await SearchSlicedAsync(connection, query, offset, cancellationToken);
        }

        int total;
        if (query.Department is not null && FiltersOf(query with { Department = null, State = null, From = null, To = null }) == NoFilter)
        {
            total = await DepartmentDays.CountAsync(connection, query, cancellationToken);
        }
        else
        {
            await using var count = await FilteredAsync(connection, query, Shape.Count, cancellationToken);
            total = Convert.ToInt32(await count.With("cap", KeywordCountCap + 1).ExecuteScalarAsync(cancellationToken));
        }

        // Only a keyword's count stops at the cap; a list by other filters counts every ticket.
        var lowerBound = query.Text is not null && total > KeywordCountCap;
        var page = new TicketPage([], lowerBound ? KeywordCountCap : total, null, lowerBound);
        if (await WalkAsync(connection, query, offset, cancellationToken) is { } walked)
        {
            return page with { Items = walked.Items, Next = walked.Next };
        }

        var all = await ReadRowsAsync(query.Sort, query.PageSize, (await FilteredAsync(connection, query, Shape.Page, cancellationToken))
            .With("limit", query.PageSize + 1).With("offset", offset), cancellationToken);
        return page with { Items = all.Items, Next = all.Next };
    }

    /// <summary>
    /// A keyword's list, newest or oldest first, asked a slice of acceptance at a time (<see cref="TimeSlices"/>): the
    /// count adds the slices' matches up to the cap, and the page, unless the list's first rows hold it
    /// (<see cref="WalkAsync"/>), is read from the slices in order, skipping those its offset passes by their counts.
    /// A slice's matches are those of its month's or year's word too, few even for a pair common over years.
    /// </summary>
    private async Task<TicketPage> SearchSlicedAsync(DbConnection connection, TicketQuery query, int offset, CancellationToken cancellationToken)
    {
        var slices = await SlicesAsync(connection, query, cancellationToken);
        var bare = FiltersOf(query with { Text = null }) == NoFilter;
        var counts = new List<int>(slices.Count);
        var counted = 0;
        if (bare && (!database.IsPostgres || TicketSearch.IsRare(TicketSearch.Folded(query.Text!))))
        {
            // FTS5 yields a word's matches as it reads their lists, so a capped count of the whole index stops at the
            // cap; PostgreSQL's GIN gathers every match first, and there the slices keep each gathering small unless
            // the keyword's words are rare.
            counted = await HoldingAsync(connection, query.Text!, null, KeywordCountCap + 1, cancellationToken);
        }
        else
        {
            foreach (var slice in slices)
            {
                if (counted > KeywordCountCap)
                {
                    break;
                }

                var limit = KeywordCountCap + 1 - counted;
                counts.Add(bare ? await HoldingAsync(connection, query.Text!, slice, limit, cancellationToken)
                    : await CountAsync(connection, query, slice, limit, cancellationToken));
                counted += counts[^1];
            }
        }

        // The slice the count stopped in was cut at the cap: its count is not the slice's.
        if (counted > KeywordCountCap && counts.Count > 0)
        {
            counts.RemoveAt(counts.Count - 1);
        }

        var page = new TicketPage([], Math.Min(counted, KeywordCountCap), null, counted > KeywordCountCap);
        if (await WalkAsync(connection, query, offset, cancellationToken) is { } walked)
        {
            return page with { Items = walked.Items, Next = walked.Next };
        }

        var items = new List<TicketSummary>(query.PageSize);
        string? after = null;
        var skip = offset;
        for (var i = 0; i < slices.Count; i++)
        {
            if (skip > 0)
            {
                var inSlice = i < counts.Count ? counts[i] : await CountAsync(connection, query, slices[i], skip + 1, cancellationToken);
                if (inSlice <= skip)
                {
                    skip -= inSlice;
                    continue;
                }
            }

            var need = query.PageSize - items.Count;
            var rows = await ReadRowsAsync(query.Sort, need, (await FilteredAsync(connection, query, Shape.Page, cancellationToken, slices[i]))
                .With("limit", need + 1).With("offset", skip), cancellationToken);
            skip = 0;
            items.AddRange(rows.Items);
            after = rows.After ?? after;
            if (rows.More)
            {
                return page with { Items = items, Next = after };
            }
        }

        return page with { Items = items };
    }

    /// <summary>
    /// A list with no filter: a keyword list whose other fields are these has slices of whole months and years of the
    /// index, which the index alone counts without reading a ticket, and a department's list whose other fields are these
    /// is counted by <see cref="DepartmentDays"/>. A filter added to <see cref="TicketQuery"/> makes a query differ from
    /// this one and so is never left out of a count.
    /// </summary>
    private static readonly TicketQuery NoFilter = new(null, null, null, null, null, null, default, 1, 1);

    /// <summary>The query's filters alone: what it asks for, without the clock, the paging, the order or who asks.</summary>
    private static TicketQuery FiltersOf(TicketQuery query) =>
        query with { Now = default, Page = 1, PageSize = 1, Sort = default, Cursor = null, ReporterKnownTo = null };

    /// <summary>
    /// How many tickets of the whole index, or of a slice of it, hold <paramref name="keyword"/>, counted up to
    /// <paramref name="limit"/>.
    /// </summary>
    private async Task<int> HoldingAsync(DbConnection connection, string keyword, TimeSlice? slice, int limit, CancellationToken cancellationToken)
    {
        var needle = TicketSearch.Folded(keyword);
        var words = TicketSearch.KeywordWords(needle);
        async Task<int> Holding(string? word, int cap)
        {
            await using var command = connection.Command(TicketSearch.CountHolding(database.IsPostgres, check: TicketSearch.NeedsCheck(needle)))
                .With("grams", TicketSearch.GramsParameter(database.IsPostgres, word is null ? words : [.. words, word]))
                .With("needle", needle)
                .With("cap", cap);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }

        var excluded = 0;
        foreach (var month in slice?.Excludes ?? [])
        {
            excluded += await Holding(month, int.MaxValue);
        }

        return await Holding(slice?.Word, limit + excluded) - excluded;
    }

    /// <summary>How many of a slice's tickets the query matches, counted up to <paramref name="limit"/>.</summary>
    private async Task<int> CountAsync(DbConnection connection, TicketQuery query, TimeSlice slice, int limit, CancellationToken cancellationToken)
    {
        await using var command = await FilteredAsync(connection, query, Shape.Count, cancellationToken, slice);
        return Convert.ToInt32(await command.With("cap", limit).ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>
    /// Newest or oldest first, a keyword's first matches in the list's own order usually lie among its first rows:
    /// reading those and checking their words finds the page without gathering and sorting every match. Only a page
    /// with a row after it is surely whole; without one this answers null and the keyword index is asked. A street
    /// number is too rare to be worth the walk.
    /// </summary>
    private async Task<Rows?> WalkAsync(DbConnection connection, TicketQuery query, int offset, CancellationToken cancellationToken)
    {
        if (query.Text is null || query.Sort is not (TicketSort.Newest or TicketSort.Oldest) || offset + query.PageSize >= WalkRows
            || TicketSearch.IsRare(TicketSearch.Folded(query.Text)))
        {
            return null;
        }

        var rows = await ReadRowsAsync(query.Sort, query.PageSize, (await FilteredAsync(connection, query, Shape.Walk, cancellationToken))
            .With("scan", WalkRows).With("limit", query.PageSize + 1).With("offset", offset), cancellationToken);
        return rows.More ? rows : null;
    }

    /// <summary>The slices of the query's period within the tickets' own, in the list's order.</summary>
    private static async Task<IReadOnlyList<TimeSlice>> SlicesAsync(DbConnection connection, TicketQuery query, CancellationToken cancellationToken)
    {
        // Apart, each is one step down the acceptance index; in one query SQLite would read the whole table for both.
        await using var command = connection.Command(
            "SELECT (SELECT MIN(accepted_at) FROM hotline_ticket), (SELECT MAX(accepted_at) FROM hotline_ticket)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return [];
        }

        var from = Math.Max(Convert.ToInt64(reader.GetValue(0)), query.From?.ToUnixTimeMilliseconds() ?? long.MinValue);
        var to = Math.Min(Convert.ToInt64(reader.GetValue(1)) + 1, query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        return TimeSlices.Of(from, to, newestFirst: query.Sort == TicketSort.Newest);
    }

    /// <summary>
    /// Up to a page of rows from a command that asks one row more, to tell whether more follow (<c>More</c>);
    /// <c>After</c> is the cursor after the last row kept.
    /// </summary>
    private sealed record Rows(List<TicketSummary> Items, string? After, bool More)
    {
        public string? Next => More ? After : null;
    }

    private static async Task<Rows> ReadRowsAsync(TicketSort sort, int size, DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var items = new List<TicketSummary>(size);
            var keys = new object[reader.FieldCount - 1];
            var more = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (items.Count == size)
                {
                    more = true;
                    break;
                }

                items.Add(JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!);
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = reader.GetValue(i + 1);
                }
            }

            return new Rows(items, items.Count > 0 ? Cursor(sort, keys) : null, more);
        }
    }

    /// <summary>Every ticket the query matches, in its order, read one row at a time (paging ignored): for exports of any size.</summary>
    public async IAsyncEnumerable<TicketSummary> StreamAsync(
        TicketQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = await FilteredAsync(connection, query, Shape.Stream, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return JsonSerializer.Deserialize<TicketSummary>(reader.GetString(0), HotlineJson.Options)!;
        }
    }

    /// <summary>Whether <paramref name="cursor"/> is one a page of a list in <paramref name="sort"/>'s order gave.</summary>
    public static bool IsCursorOf(string cursor, TicketSort sort) => CursorKeys(cursor, sort) is not null;

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

    /// <summary>
    /// What a query reads: the count (of a keyword search, up to one past <see cref="KeywordCountCap"/>), a page, a page
    /// from the first <see cref="WalkRows"/> rows of the list without the keyword whose words hold it, or every row.
    /// </summary>
    private enum Shape { Count, Page, Walk, Stream }

    /// <summary>The columns a list is ordered by, all ascending or all descending, the last one the id: a cursor holds their values.</summary>
    private sealed record Order(string[] Keys, bool Descending)
    {
        public string By => string.Join(", ", Keys.Select(k => Descending ? $"{k} DESC" : k));
    }

    /// <summary>
    /// The order of <paramref name="sort"/>; <paramref name="at"/> is the table read for state, acceptance and id, so that
    /// a department's list is read in the order of its own index.
    /// </summary>
    private static Order OrderOf(TicketSort sort, string at) => sort switch
    {
        TicketSort.Oldest => new([$"{at}.accepted_at", $"{at}.id"], false),
        // Tickets with no reply deadline (waiting for dispatch, answered) come after those with one, on both engines.
        TicketSort.ReplyBy => new(["CASE WHEN t.reply_by IS NULL THEN 1 ELSE 0 END", "COALESCE(t.reply_by, 0)", "t.id"], false),
        TicketSort.SurveyCallsFirst => new(["CASE WHEN f.reply_path IS NULL THEN 0 ELSE 1 END", "t.accepted_at", "t.id"], false),
        _ => new([$"{at}.accepted_at", $"{at}.id"], true),
    };

    /// <summary>The cursor after a row: the sort and the row's values of its order, as opaque URL-safe text.</summary>
    private static string Cursor(TicketSort sort, object[] keys)
    {
        var values = new JsonArray(JsonValue.Create(sort.ToString()));
        foreach (var key in keys)
        {
            values.Add(key is string text ? JsonValue.Create(text) : JsonValue.Create(Convert.ToInt64(key)));
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(values.ToJsonString()));
    }

    /// <summary>The values a cursor holds, or null when it is not one a list in this order gave.</summary>
    private static object[]? CursorKeys(string cursor, TicketSort sort)
    {
        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(cursor)) is not JsonArray values || values.Count != OrderOf(sort, "t").Keys.Length + 1
                || values.Any(v => v is null) || values[0]!.GetValue<string>() != sort.ToString())
            {
                return null;
            }

            // Every key is a number but the last, the id.
            return [.. values.Skip(1).Select((v, i) => i == values.Count - 2 ? (object)v!.GetValue<string>() : v!.GetValue<long>())];
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<DbCommand> FilteredAsync(
        DbConnection connection, TicketQuery query, Shape shape, CancellationToken cancellationToken, TimeSlice? slice = null)
    {
        var postgres = database.IsPostgres;
        var command = connection.Command("");
        var where = new StringBuilder("1 = 1");
        // A page and a walk read the ticket's row only where a filter or the order needs it; its summary is joined afterwards.
        var (found, ticket) = (query.Sort == TicketSort.SurveyCallsFirst,
            shape == Shape.Stream || (shape is Shape.Page or Shape.Walk && query.Sort is TicketSort.ReplyBy or TicketSort.SurveyCallsFirst));
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

        void OfTicket(string clause, params (string Name, object Value)[] parameters)
        {
            ticket = true;
            Filter(clause, parameters);
        }

        // A department's list reads state, acceptance and id from its rows in hotline_ticket_department, and the ticket only for the rest.
        var at = query.Department is null ? "t" : "d";
        var order = OrderOf(query.Sort, at);
        if (query.State is { } state) Filter($"{at}.state = @state", ("state", state.ToString()));
        if (query.Department is { } department) Filter("d.department = @department", ("department", department));
        if (query.GridCell is { } cell) OfTicket("t.grid_cell = @cell", ("cell", cell));
        if (query.From is { } from) Filter($"{at}.accepted_at >= @from", ("from", from.ToUnixTimeMilliseconds()));
        if (query.To is { } to) Filter($"{at}.accepted_at < @to", ("to", to.ToUnixTimeMilliseconds()));
        if (query.Overdue is { } overdue)
        {
            OfTicket(overdue ? Overdue : $"NOT {Overdue}", ("now", query.Now.ToUnixTimeMilliseconds()));
        }

        if (query.Phone is { } phone)
        {
            // An anonymous reporter's number finds the ticket only for the one who took the report.
            Find("f.phone = @phone AND (f.anonymous = 0 OR f.known_to = @me)", ("phone", phone), ("me", query.ReporterKnownTo ?? ""));
        }

        var pairs = "";
        if (shape == Shape.Walk)
        {
            found = true;
            command.With("needle", TicketSearch.Folded(query.Text!));
        }
        else if (query.Text is { } text)
        {
            var needle = TicketSearch.Folded(text);
            var filled = await GramsFilledAsync(connection, cancellationToken);
            var words = TicketSearch.KeywordWords(needle);
            if (slice is not null)
            {
                words = [.. words, slice.Word];
                Filter($"{at}.accepted_at >= @sliceFrom AND {at}.accepted_at < @sliceTo", ("sliceFrom", slice.From), ("sliceTo", slice.To));
            }

            var grams = ("grams", TicketSearch.GramsParameter(postgres, words));
            if (filled && (shape == Shape.Count || slice is not null))
            {
                // The count reads the pairs' matches as they come and stops at the cap, and a slice's page reads its few
                // matches and sorts them: an IN list would gather them all first, or be probed from the list's index.
                var rare = TicketSearch.IsRare(needle);
                pairs = TicketSearch.Joined(postgres, rare);
                Filter(TicketSearch.JoinedOn(postgres, rare, $"{at}.id"), grams);
            }
            else if (filled)
            {
                Filter($"{at}.id IN ({TicketSearch.HoldingAll(postgres)})", grams);
            }

            // Two characters are one pair, and a whole street number one word, found exactly; a longer keyword's pairs may lie apart.
            if (TicketSearch.NeedsCheck(needle) || !filled)
            {
                Find(TicketSearch.Contains(postgres), ("needle", needle));
            }
        }

        if (query.Channel is { } channel) Find("f.channel = @channel", ("channel", channel.ToString()));
        if (query.Type is { } type) Find("f.type = @type", ("type", type.ToString()));
        if (query.Urgent is { } urgent) Find("f.urgent = @urgent", ("urgent", urgent ? 1 : 0));
        if (query.Supervised is { } supervised) Find("f.supervised = @supervised", ("supervised", supervised ? 1 : 0));
        if (query.PendingExtension is { } pending) Find("f.pending_extension = @pending", ("pending", pending ? 1 : 0));
        if (query.Returned is { } returned) Find("f.returned = @returned", ("returned", returned ? 1 : 0));
        if (query.AwaitingSurvey is { } awaiting) Find("f.awaiting_survey = @awaiting", ("awaiting", awaiting ? 1 : 0));
        if (shape is Shape.Page or Shape.Walk && query.Cursor is { } cursor && CursorKeys(cursor, query.Sort) is { } keys)
        {
            var after = keys.Select((key, i) => ($"c{i}", key)).ToArray();
            Filter($"({string.Join(", ", order.Keys)}) {(order.Descending ? "<" : ">")} ({string.Join(", ", after.Select(a => "@" + a.Item1))})", after);
        }

        var tables = pairs + (at == "t" ? "hotline_ticket t" : "hotline_ticket_department d" + (ticket ? " JOIN hotline_ticket t ON t.id = d.id" : ""));
        if (found) tables += $" JOIN hotline_ticket_find f ON f.id = {at}.id";
        command.CommandText = shape switch
        {
            Shape.Count when query.Text is not null => $"SELECT COUNT(*) FROM (SELECT 1 FROM {tables} WHERE {where} LIMIT @cap) matches",
            Shape.Count => $"SELECT COUNT(*) FROM {tables} WHERE {where}",
            // The derived table of the scanned rows is named f, the name the words' check takes them by; only the
            // page's rows read their summaries.
            Shape.Walk => $"""
                SELECT t.summary, {string.Join(", ", order.Keys.Select((_, i) => $"w.k{i}"))} FROM (
                    SELECT page_id, {string.Join(", ", order.Keys.Select((_, i) => $"k{i}"))} FROM (
                        SELECT {at}.id AS page_id, {string.Join(", ", order.Keys.Select((k, i) => $"{k} AS k{i}"))}, f.words FROM {tables} WHERE {where}
                        ORDER BY {order.By} LIMIT @scan) f
                    WHERE {TicketSearch.Contains(postgres)} ORDER BY {new Order([.. order.Keys.Select((_, i) => $"k{i}")], order.Descending).By}
                    LIMIT @limit OFFSET @offset) w
                JOIN hotline_ticket t ON t.id = w.page_id
                ORDER BY {new Order([.. order.Keys.Select((_, i) => $"w.k{i}")], order.Descending).By}
                """,
            // The page's rows are chosen from the indexes, and only they read the ticket's row: an offset passes its
            // rows by in the index instead of reading each one's summary (10,000 of them took 100 ms on PostgreSQL).
            Shape.Page => $"""
                SELECT t.summary, {string.Join(", ", order.Keys.Select((_, i) => $"p.k{i}"))} FROM (
                    SELECT {at}.id AS page_id, {string.Join(", ", order.Keys.Select((k, i) => $"{k} AS k{i}"))} FROM {tables} WHERE {where}
                    ORDER BY {order.By} LIMIT @limit OFFSET @offset) p
                JOIN hotline_ticket t ON t.id = p.page_id
                ORDER BY {new Order([.. order.Keys.Select((_, i) => $"p.k{i}")], order.Descending).By}
                """,
            _ => $"SELECT t.summary FROM {tables} WHERE {where} ORDER BY {order.By}",
        };
        return command;
    }

    /// <summary>Whether every ticket's pairs are written (<see cref="TicketSearchBackfill"/>); once they are, they stay.</summary>
    private async Task<bool> GramsFilledAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!_gramsFilled)
        {
            await using var command = connection.Command("SELECT COUNT(*) FROM hotline_ticket_grams_filled");
            _gramsFilled = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
        }

        return _gramsFilled;
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
