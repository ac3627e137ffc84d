using System.Data.Common;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Disputes;

/// <summary>The review queue and record of disputes in the read model.</summary>
public sealed class SqlDisputes(ReadModelDatabase database, SlaPolicy sla)
{
    private const string Columns =
        "ticket_id, seq, kind, department, reason, suggested, raised_at, review_by, overdue, upheld, decided_by, decided_at, note, new_lead";

    /// <summary>Oldest first, so the reviewer starts with the dispute that waited longest.</summary>
    public async Task<(IReadOnlyList<DisputeView> Items, int Total)> ListAsync(
        bool openOnly, string? department, int page, int pageSize, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        if (openOnly) conditions.Add("upheld IS NULL");
        if (department is not null) conditions.Add("department = @department");
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = Convert.ToInt32(await connection.Command($"SELECT COUNT(*) FROM hotline_dispute {where}")
            .With("department", department).ScalarAsync(cancellationToken));
        var items = await connection.Command($"SELECT {Columns} FROM hotline_dispute {where} ORDER BY raised_at, ticket_id LIMIT @limit OFFSET @offset")
            .With("department", department).With("limit", pageSize).With("offset", (page - 1) * pageSize)
            .ReadAllAsync(Read, cancellationToken);
        return (items, total);
    }

    private DisputeView Read(DbDataReader r) =>
        new(r.GetString(0), r.Int(1), r.GetString(2), r.GetString(3), r.GetString(4), r.TextOrNull(5),
            sla.Calendar.ToLocal(r.Instant(6)), sla.Calendar.ToLocal(r.Instant(7)), r.Int(8) == 1,
            r.NumberOrNull(9) is { } upheld ? upheld == 1 : null, r.TextOrNull(10),
            r.InstantOrNull(11) is { } at ? sla.Calendar.ToLocal(at) : null, r.TextOrNull(12), r.TextOrNull(13));
}
