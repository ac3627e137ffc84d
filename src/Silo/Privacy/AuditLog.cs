using System.Data.Common;
using System.Text.RegularExpressions;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Storage;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// The access audit in the read model's database. A row is written before the answer that it records
/// leaves the silo, so nobody sees a number without a trace of it.
/// </summary>
public sealed partial class AuditLog : IAsyncDisposable
{
    private const string Columns = "id, at, actor, role, action, subject, detail, address";
    private const int MaxBatch = 256;

    private readonly ReadModelDatabase _database;
    private readonly TimeProvider _time;
    private readonly CommitQueue<AuditEntry, ValueTuple> _queue;

    public AuditLog(ReadModelDatabase database, [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
    {
        _database = database;
        _time = time;
        _queue = CommitQueue.Of<AuditEntry>(MaxBatch, WriteAsync);
    }

    /// <summary>Records what the request's user did; a request without a signed-in user is recorded as <c>anonymous</c>.</summary>
    public Task RecordAsync(HttpContext http, string action, string? subject, string? detail = null)
    {
        var user = CurrentUser.From(http.User);
        return AppendAsync(user.Name.Length == 0 ? "anonymous" : user.Name, user.Role, action, subject, detail,
            http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
    }

    /// <summary>Returns once the row is committed, in one transaction with the rows appended meanwhile.</summary>
    public async Task AppendAsync(string actor, string role, string action, string? subject, string? detail, string? address,
        CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var entry = new AuditEntry(Guid.CreateVersion7(at).ToString(), at, actor, role, action, subject,
            detail is null ? null : LongNumber().Replace(detail, m => PhoneMask.Mask(m.Value)!), address);
        await _queue.EnqueueAsync(entry, cancellationToken);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    /// <summary>
    /// Every answer that shows a phone number waits for its audit row, two a ticket at intake: a commit
    /// each took the read model's single writer from the projection as often as the tickets themselves.
    /// </summary>
    private async Task WriteAsync(IReadOnlyList<AuditEntry> batch)
    {
        await using var turn = await _database.WriteTurnAsync(CancellationToken.None);
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.Command(
                $"INSERT INTO hotline_audit ({Columns}) {JsonRows.Select(_database.IsPostgres, columns: 8, integers: 1)}",
                transaction)
            .With("rows", JsonRows.Of(batch, static (json, e) =>
            {
                json.WriteStringValue(e.Id);
                json.WriteNumberValue(e.At.ToUnixTimeMilliseconds());
                foreach (var text in new[] { e.Actor, e.Role, e.Action, e.Subject, e.Detail, e.Address })
                {
                    json.WriteStringValue(text);
                }
            }))
            .RunAsync();

        await transaction.CommitAsync();
    }

    /// <summary>A phone number in a detail (a query, a reason an admin typed) is masked; ticket numbers' parts are shorter.</summary>
    [GeneratedRegex(@"\d{9,}")]
    private static partial Regex LongNumber();

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(AuditQuery query, int page, int pageSize,
        CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        void Filter(string condition, object? value)
        {
            if (value is not null) conditions.Add(condition);
        }

        Filter("actor = @actor", query.Actor);
        Filter("action = @action", query.Action);
        Filter("subject = @subject", query.Subject);
        Filter("at >= @from", query.From);
        Filter("at < @to", query.To);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        DbCommand Bound(DbCommand command) => command
            .With("actor", query.Actor).With("action", query.Action).With("subject", query.Subject)
            .With("from", DbCommandExtensions.Millis(query.From)).With("to", DbCommandExtensions.Millis(query.To));

        await using var connection = await _database.OpenAsync(cancellationToken);
        var total = Convert.ToInt32(await Bound(connection.Command($"SELECT COUNT(*) FROM hotline_audit {where}")).ScalarAsync(cancellationToken));
        var items = await Bound(connection.Command($"SELECT {Columns} FROM hotline_audit {where} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset"))
            .With("limit", pageSize).With("offset", (page - 1) * pageSize)
            .ReadAllAsync(r => new AuditEntry(r.GetString(0), r.Instant(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.TextOrNull(5), r.TextOrNull(6), r.TextOrNull(7)), cancellationToken);
        return (items, total);
    }
}

/// <summary>The filters of <c>GET /api/v1/audit</c>; null filters nothing.</summary>
public sealed record AuditQuery(string? Actor, string? Action, string? Subject, DateTimeOffset? From, DateTimeOffset? To);
