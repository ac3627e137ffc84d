namespace HotlineDispatch.Silo.Storage;

/// <summary>
/// Lets one write at a time into a SQLite file from this process. SQLite has one writer per file
/// anyway; what the gate changes is how the others wait. Microsoft.Data.Sqlite meets a busy file by
/// sleeping its thread for 150 ms and trying again, so under intake load grain writes spent most of
/// their time asleep (the bench traced 20 s of sleep per 10 s of load) while the file sat idle. Here
/// they wait their turn asynchronously and start the moment the previous write commits.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        await EnterAsync(CancellationToken.None);
        try
        {
            return await write();
        }
        finally
        {
            Exit();
        }
    }

    public Task EnterAsync(CancellationToken cancellationToken) => _turn.WaitAsync(cancellationToken);

    public void Exit() => _turn.Release();

    public Task RunAsync(Func<Task> write) => RunAsync(async () =>
    {
        await write();
        return true;
    });
}
