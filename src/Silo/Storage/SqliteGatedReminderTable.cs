namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// The Orleans ADO.NET reminder table on SQLite, its writes taking turns through the file's <see cref="SqliteWriteGate"/>:
/// a reminder set or moved is written in the <see cref="SqliteGroupCommit"/> with the grain states, the provider reads it.
/// </summary>
public sealed class SqliteGatedReminderTable(IReminderTable inner, SqliteWriteGate gate, SqliteGroupCommit writer) : IReminderTable
{
    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public async Task<string?> UpsertRow(ReminderEntry entry) => await writer.UpsertReminderAsync(entry);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => gate.RunAsync(() => inner.RemoveRow(grainId, reminderName, eTag));

    public Task TestOnlyClearTable() => gate.RunAsync(inner.TestOnlyClearTable);
}
