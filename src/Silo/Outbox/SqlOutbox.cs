using System.Data.Common;
using System.Text;
using HotlineDispatch.Outbox;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Outbox;

/// <summary>
/// The outbox table: messages are added by the ticket projection (in its transaction) and by
/// <see cref="IOutbox.EnqueueAsync"/>, read by the API and by residents' survey answers.
/// </summary>
public sealed class SqlOutbox(ReadModelDatabase database, [FromKeyedServices(HotlineTime.Key)] TimeProvider time) : IOutbox, ISurveyPrompts
{
    public static IReadOnlyList<string> Schemes { get; } = ["sms", "wechat", "group"];

    private const int MaxText = 4000;

    private const string Columns =
        "id, reply_to, kind, text, ticket_id, state, attempts, created_at, updated_at, next_attempt_at, provider_id, provider_status, error";

    public async Task<string> EnqueueAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        var scheme = SchemeOf(message.ReplyTo)
            ?? throw new ArgumentException($"ReplyTo must be scheme:address with a scheme of {string.Join(", ", Schemes)}; got '{message.ReplyTo}'.", nameof(message));
        if (string.IsNullOrWhiteSpace(message.Text) || message.Text.Length > MaxText)
        {
            throw new ArgumentException($"Text must be 1 to {MaxText} characters.", nameof(message));
        }

        var id = $"m-{Guid.NewGuid():N}";
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, id, message.ReplyTo, scheme, message.Kind, message.Text, message.TicketId, OutboxStates.Pending, time.GetUtcNow());
        return id;
    }

    /// <summary>Adds a row unless one with its id exists, so writing the same message twice keeps one. It is due at <paramref name="due"/>, or at once.</summary>
    public static Task<int> InsertAsync(DbConnection connection, DbTransaction? transaction, string id, string replyTo, string scheme,
        string kind, string text, string? ticketId, string state, DateTimeOffset now, DateTimeOffset? due = null) =>
        connection.Command("""
            INSERT INTO hotline_outbox (id, reply_to, scheme, kind, text, ticket_id, state, attempts, created_at, updated_at, next_attempt_at)
            VALUES (@id, @reply_to, @scheme, @kind, @text, @ticket_id, @state, 0, @now, @now, @due)
            ON CONFLICT (id) DO NOTHING
            """, transaction)
            .With("id", id).With("reply_to", replyTo).With("scheme", scheme).With("kind", kind).With("text", text)
            .With("ticket_id", ticketId).With("state", state).With("now", now.ToUnixTimeMilliseconds())
            .With("due", (due ?? now).ToUnixTimeMilliseconds())
            .RunAsync();

    /// <summary>The scheme of a known <c>scheme:address</c>, or null.</summary>
    public static string? SchemeOf(string? replyTo)
    {
        var colon = replyTo?.IndexOf(':') ?? -1;
        if (colon <= 0 || colon == replyTo!.Length - 1)
        {
            return null;
        }

        var scheme = replyTo[..colon];
        return Schemes.Contains(scheme) ? scheme : null;
    }

    public async Task<IReadOnlyList<string>> TicketsAskedAsync(string replyTo, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.Command("""
            SELECT ticket_id FROM hotline_outbox
            WHERE reply_to = @reply_to AND kind = @kind AND ticket_id IS NOT NULL
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """)
            .With("reply_to", replyTo).With("kind", NoticeKinds.Survey).With("limit", limit)
            .ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// One page of rows, newest first. The address of an anonymous reporter's row reads <c>scheme:anonymous</c> for
    /// everyone but <paramref name="revealTo"/> (the stable id of a user who may see reporters), and a search by
    /// address leaves such rows out, so that it cannot tie a number to its ticket.
    /// </summary>
    public async Task<(IReadOnlyList<OutboxRow> Items, int Total)> SearchAsync(
        string? ticketId, string? state, string? replyTo, string? revealTo, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = new StringBuilder("1 = 1");
        const string hidden = "a.ticket_id IS NOT NULL AND (a.known_to IS NULL OR a.known_to <> @reveal_to)";
        await using var count = connection.Command("");
        var rows = connection.Command("");
        void Filter(string column, string? value)
        {
            if (value is null)
            {
                return;
            }

            where.Append($" AND o.{column} = @{column}");
            count.With(column, value);
            rows.With(column, value);
        }

        Filter("ticket_id", ticketId);
        Filter("state", state);
        Filter("reply_to", replyTo);
        if (replyTo is not null)
        {
            where.Append($" AND NOT ({hidden})");
        }

        count.With("reveal_to", revealTo ?? "");
        rows.With("reveal_to", revealTo ?? "");
        const string from = "hotline_outbox o LEFT JOIN hotline_outbox_anonymous a ON a.ticket_id = o.ticket_id";
        count.CommandText = $"SELECT COUNT(*) FROM {from} WHERE {where}";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        var columns = string.Join(", ", Columns.Split(", ").Select(column =>
            column == "reply_to" ? $"CASE WHEN {hidden} THEN o.scheme || ':anonymous' ELSE o.reply_to END" : "o." + column));
        rows.CommandText = $"SELECT {columns} FROM {from} WHERE {where} ORDER BY o.created_at DESC, o.id DESC LIMIT @limit OFFSET @offset";
        rows.With("limit", pageSize).With("offset", (page - 1) * pageSize);
        return (await rows.ReadAllAsync(Map, cancellationToken), total);
    }

    /// <summary>
    /// Rows of these schemes that may be sent now, oldest first. A row waits while an older row to the
    /// same address is still pending, so a resident gets the receipt before the result and the result
    /// before the survey even when one of them is being retried.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> DueAsync(IReadOnlyCollection<string> schemes, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var command = connection.Command("");
        var names = schemes.Select((scheme, i) =>
        {
            command.With($"scheme{i}", scheme);
            return $"@scheme{i}";
        }).ToList();
        command.CommandText = $"""
            SELECT {Columns} FROM hotline_outbox o
            WHERE o.state = @pending AND o.scheme IN ({string.Join(", ", names)}) AND o.next_attempt_at <= @now
              AND NOT EXISTS (SELECT 1 FROM hotline_outbox e WHERE e.reply_to = o.reply_to AND e.state = @pending
                              AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.id < o.id)))
            ORDER BY o.created_at, o.id LIMIT @limit
            """;
        command.With("pending", OutboxStates.Pending).With("now", now.ToUnixTimeMilliseconds()).With("limit", limit);
        return await command.ReadAllAsync(Map, cancellationToken);
    }

    private static OutboxRow Map(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.TextOrNull(4),
            reader.GetString(5), reader.Int(6), reader.Instant(7), reader.Instant(8), reader.Instant(9),
            reader.TextOrNull(10), reader.TextOrNull(11), reader.TextOrNull(12));
}
