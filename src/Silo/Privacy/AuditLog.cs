using System.Data.Common;
using System.Text.RegularExpressions;
using HotlineDispatch.Silo.Auth;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Silo.Tickets;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// The access audit in the read model's database. A row is written before the answer that it records
/// leaves the silo, so nobody sees a number without a trace of it.
/// </summary>
public sealed partial class AuditLog(ReadModelDatabase database, [FromKeyedServices(HotlineTime.Key)] TimeProvider time)
{
    private const string Columns = "id, at, actor, role, action, subject, detail, address";

    /// <summary>Records what the request's user did; a request without a signed-in user is recorded as <c>anonymous</c>.</summary>
    public Task RecordAsync(HttpContext http, string action, string? subject, string? detail = null)
    {
        var user = CurrentUser.From(http.User);
        return AppendAsync(user.Name.Length == 0 ? "anonymous" : user.Name, user.Role, action, subject, detail,
            http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
    }

    public async Task AppendAsync(string actor, string role, string action, string? subject, string? detail, string? address,
        CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command($"""
            INSERT INTO hotline_audit ({Columns})
            VALUES (@id, @at, @actor, @role, @action, @subject, @detail, @address)
            """)
            .With("id", Guid.CreateVersion7(at).ToString()).With("at", at.ToUnixTimeMilliseconds())
            .With("actor", actor).With("role", role).With("action", action)
            .With("subject", subject).With("detail", detail is null ? null : LongNumber().Replace(detail, m => PhoneMask.Mask(m.Value)!))
            .With("address", address)
            .RunAsync(cancellationToken);
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

        await using var connection = await database.OpenAsync(cancellationToken);
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
