namespace HotlineDispatch.Silo.Hosting;

/// <summary>
/// Creates or refreshes the schema before Orleans starts: its providers read their queries from the
/// database at start-up, so this hosted service is registered ahead of the silo.
/// </summary>
public sealed class SchemaInstaller(HotlineStorage storage, ILogger<SchemaInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureSchemaAsync(cancellationToken);
        logger.LogInformation("Schema ready ({Invariant})", storage.Invariant);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
