using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

/// <summary>The missed-call list, one row per CallSid, so a repeated status callback adds nothing.</summary>
public sealed class SqlMissedCalls(ReadModelDatabase database)
    : SqlCallTable<MissedCall>(database, "hotline_missed_call", Columns, "missed_at, id", LeftNoDraftUntouched)
{
    private const string Columns =
        "id, from_number, to_number, call_status, missed_at, state, attempts, outcome, note, called_back_by, called_back_at";

    /// <summary>
    /// Twilio does not order a call's callbacks: a recording can arrive after the status callback that put the
    /// call here as one that left nothing. Decided when read, not when written, so no interleaving of the two
    /// writes can keep such a call on the list; a call already called back stays, as the record of that call-back.
    /// </summary>
    private const string LeftNoDraftUntouched = $"""
        NOT (t.call_status = '{MissedCall.Completed}' AND t.attempts = 0
             AND EXISTS (SELECT 1 FROM hotline_call_draft d WHERE d.id = t.id))
        """;

    public async Task AddAsync(string callSid, string? from, string? to, string callStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await connection.Command("""
            INSERT INTO hotline_missed_call (id, from_number, to_number, call_status, missed_at, state, attempts)
            VALUES (@id, @from, @to, @status, @now, @open, 0)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("id", callSid).With("from", from).With("to", to).With("status", callStatus)
            .With("now", now.ToUnixTimeMilliseconds()).With("open", MissedCall.Open)
            .RunAsync(cancellationToken);
    }

    /// <summary>Records a call-back on an open missed call; false when it is already done.</summary>
    public async Task<bool> CallBackAsync(string id, string outcome, string? note, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        return await connection.Command($"""
            UPDATE hotline_missed_call AS t SET state = @state, attempts = attempts + 1, outcome = @outcome, note = @note,
                called_back_by = @by, called_back_at = @now
            WHERE id = @id AND state = @open AND {Shown}
            """)
            .With("state", outcome == MissedCall.NoAnswer ? MissedCall.Open : MissedCall.Done)
            .With("outcome", outcome).With("note", note).With("by", by).With("now", now.ToUnixTimeMilliseconds())
            .With("id", id).With("open", MissedCall.Open)
            .RunAsync(cancellationToken) == 1;
    }

    protected override MissedCall Map(DbDataReader reader) =>
        new(reader.GetString(0), reader.TextOrNull(1), reader.TextOrNull(2), reader.GetString(3), reader.Instant(4),
            reader.GetString(5), reader.Int(6), reader.TextOrNull(7), reader.TextOrNull(8), reader.TextOrNull(9), reader.InstantOrNull(10));
}
