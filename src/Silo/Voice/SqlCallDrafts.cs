using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// Call drafts, one row per CallSid. Each voice step writes its own columns once (the first speech
/// result, the first recording), so Twilio's retries of a step change nothing.
/// </summary>
public sealed class SqlCallDrafts(ReadModelDatabase database) : SqlCallTable<CallDraft>(database, "hotline_call_draft", Columns, "received_at, id")
{
    private const string Columns =
        "id, from_number, to_number, transcript, confidence, recording_url, recording_seconds, received_at, state, ticket_id, decided_by, decided_at, note";

    public Task SpeechAsync(string callSid, string? from, string? to, string transcript, double? confidence, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        FirstStepAsync(callSid, from, to, now, [("transcript", transcript), ("confidence", confidence)], cancellationToken);

    public Task RecordingAsync(string callSid, string? from, string? to, string recordingUrl, int? seconds, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        FirstStepAsync(callSid, from, to, now, [("recording_url", recordingUrl), ("recording_seconds", seconds)], cancellationToken);

    /// <summary>
    /// Gives the draft its ticket number once: the first caller's reserved number is kept and returned
    /// to everyone after, so the draft becomes one ticket however often acceptance is retried.
    /// </summary>
    public async Task<string?> BindNumberAsync(string id, string number, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await connection.Command("UPDATE hotline_call_draft SET ticket_id = @number WHERE id = @id AND ticket_id IS NULL AND state = @open")
            .With("number", number).With("id", id).With("open", CallDraft.Open)
            .RunAsync(cancellationToken);
        var bound = await connection.Command("SELECT ticket_id FROM hotline_call_draft WHERE id = @id").With("id", id).ScalarAsync(cancellationToken);
        return bound is string ticketId ? ticketId : null;
    }

    /// <summary>
    /// Settles an open draft; false when it was already settled (or, for a discard, is being accepted). A draft
    /// accepted for an anonymous reporter forgets the number and the recording: the ticket holds them, for its taker only.
    /// </summary>
    public async Task<bool> DecideAsync(string id, string state, string by, string? note, DateTimeOffset now, CancellationToken cancellationToken,
        bool forgetCaller = false)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        var unbound = state == CallDraft.Discarded ? " AND ticket_id IS NULL" : "";
        var forget = forgetCaller ? ", from_number = NULL, recording_url = NULL, recording_seconds = NULL" : "";
        return await connection.Command($"""
            UPDATE hotline_call_draft SET state = @state, decided_by = @by, decided_at = @now, note = @note{forget}
            WHERE id = @id AND state = @open{unbound}
            """)
            .With("state", state).With("by", by).With("now", now.ToUnixTimeMilliseconds()).With("note", note)
            .With("id", id).With("open", CallDraft.Open)
            .RunAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Writes one voice step's columns onto the call's draft, creating it if needed. The first column says
    /// whether the step was already written; if so the earlier values stay, so a retried step changes nothing.
    /// </summary>
    private async Task FirstStepAsync(string callSid, string? from, string? to, DateTimeOffset now,
        IReadOnlyList<(string Column, object? Value)> step, CancellationToken cancellationToken)
    {
        var marker = step[0].Column;
        var columns = string.Join(", ", step.Select(s => s.Column));
        var values = string.Join(", ", step.Select(s => "@" + s.Column));
        var keep = string.Join(", ", step.Select(s =>
            $"{s.Column} = CASE WHEN hotline_call_draft.{marker} IS NULL THEN excluded.{s.Column} ELSE hotline_call_draft.{s.Column} END"));
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            INSERT INTO hotline_call_draft (id, from_number, to_number, received_at, state, {columns})
            VALUES (@id, @from, @to, @now, @open, {values})
            ON CONFLICT (id) DO UPDATE SET {keep}
            """)
            .With("id", callSid).With("from", from).With("to", to).With("now", now.ToUnixTimeMilliseconds()).With("open", CallDraft.Open);
        foreach (var (column, value) in step)
        {
            command.With(column, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override CallDraft Map(DbDataReader reader) =>
        new(reader.GetString(0), reader.TextOrNull(1), reader.TextOrNull(2), reader.TextOrNull(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4), reader.TextOrNull(5), (int?)reader.NumberOrNull(6), reader.Instant(7),
            reader.GetString(8), reader.TextOrNull(9), reader.TextOrNull(10), reader.InstantOrNull(11), reader.TextOrNull(12));
}
