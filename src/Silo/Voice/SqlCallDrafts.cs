using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// Call drafts, one row per CallSid. Each voice step writes its own columns once (the first speech
/// result, the first recording), so Twilio's retries of a step change nothing.
/// </summary>
public sealed class SqlCallDrafts(ReadModelDatabase database)
{
    private const string Columns =
        "id, from_number, to_number, transcript, confidence, recording_url, recording_seconds, received_at, state, ticket_id, decided_by, decided_at, note";

    public async Task SpeechAsync(string callSid, string? from, string? to, string transcript, double? confidence, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Upsert(connection, callSid, from, to, now, "transcript, confidence", "@transcript, @confidence", """
            transcript = COALESCE(hotline_call_draft.transcript, excluded.transcript),
            confidence = CASE WHEN hotline_call_draft.transcript IS NULL THEN excluded.confidence ELSE hotline_call_draft.confidence END
            """)
            .With("transcript", transcript).With("confidence", confidence)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordingAsync(string callSid, string? from, string? to, string recordingUrl, int? seconds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Upsert(connection, callSid, from, to, now, "recording_url, recording_seconds", "@recording_url, @recording_seconds", """
            recording_url = COALESCE(hotline_call_draft.recording_url, excluded.recording_url),
            recording_seconds = CASE WHEN hotline_call_draft.recording_url IS NULL THEN excluded.recording_seconds ELSE hotline_call_draft.recording_seconds END
            """)
            .With("recording_url", recordingUrl).With("recording_seconds", seconds)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<CallDraft> Items, int Total)> ListAsync(string? state, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (total, rows) = await connection.PageAsync("hotline_call_draft", Columns, "state", state, "received_at, id", page, pageSize, cancellationToken);
        return (await ReadAsync(rows, cancellationToken), total);
    }

    public async Task<CallDraft?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection.Command($"SELECT {Columns} FROM hotline_call_draft WHERE id = @id").With("id", id), cancellationToken))
            .FirstOrDefault();
    }

    /// <summary>
    /// Gives the draft its ticket number once: the first caller's reserved number is kept and returned
    /// to everyone after, so the draft becomes one ticket however often acceptance is retried.
    /// </summary>
    public async Task<string?> BindNumberAsync(string id, string number, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE hotline_call_draft SET ticket_id = @number WHERE id = @id AND ticket_id IS NULL AND state = @open")
            .With("number", number).With("id", id).With("open", CallDraft.Open)
            .ExecuteNonQueryAsync(cancellationToken);
        var bound = await connection.Command("SELECT ticket_id FROM hotline_call_draft WHERE id = @id").With("id", id).ExecuteScalarAsync(cancellationToken);
        return bound is string ticketId ? ticketId : null;
    }

    /// <summary>Settles an open draft; false when it was already settled (or, for a discard, is being accepted).</summary>
    public async Task<bool> DecideAsync(string id, string state, string by, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var unbound = state == CallDraft.Discarded ? " AND ticket_id IS NULL" : "";
        return await connection.Command($"""
            UPDATE hotline_call_draft SET state = @state, decided_by = @by, decided_at = @now, note = @note
            WHERE id = @id AND state = @open{unbound}
            """)
            .With("state", state).With("by", by).With("now", now.ToUnixTimeMilliseconds()).With("note", note)
            .With("id", id).With("open", CallDraft.Open)
            .ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static DbCommand Upsert(DbConnection connection, string callSid, string? from, string? to, DateTimeOffset now,
        string columns, string values, string merge) =>
        connection.Command($"""
            INSERT INTO hotline_call_draft (id, from_number, to_number, received_at, state, {columns})
            VALUES (@id, @from, @to, @now, @open, {values})
            ON CONFLICT (id) DO UPDATE SET {merge}
            """)
            .With("id", callSid).With("from", from).With("to", to).With("now", now.ToUnixTimeMilliseconds()).With("open", CallDraft.Open);

    private static async Task<IReadOnlyList<CallDraft>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var drafts = new List<CallDraft>();
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                long? Number(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i));
                drafts.Add(new CallDraft(reader.GetString(0), Text(1), Text(2), Text(3),
                    reader.IsDBNull(4) ? null : reader.GetDouble(4), Text(5), (int?)Number(6),
                    DateTimeOffset.FromUnixTimeMilliseconds(Number(7)!.Value), reader.GetString(8), Text(9), Text(10),
                    Number(11) is { } decided ? DateTimeOffset.FromUnixTimeMilliseconds(decided) : null, Text(12)));
            }

            return drafts;
        }
    }
}
