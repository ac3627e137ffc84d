using HotlineDispatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>The silo on one storage kind with its log lines captured, our own at every level.</summary>
public abstract class PrivacyApiFactory(string storageKind, params (string Key, string Value)[] extraSettings)
    : HotlineApiFactory(storageKind, [("Logging:LogLevel:HotlineDispatch", "Trace"), .. extraSettings])
{
    /// <summary>Every retention period one second, and the daily job left to the tests to start.</summary>
    protected static readonly (string Key, string Value)[] ShortRetention =
    [
        ("Hotline:Retention:CallerAfterClose", "00:00:01"), ("Hotline:Retention:CallDrafts", "00:00:01"),
        ("Hotline:Retention:Recordings", "00:00:01"), ("Hotline:Retention:Outbox", "00:00:01"),
        ("Hotline:Retention:GroupLogs", "00:00:01"), ("Hotline:Retention:Messages", "00:00:01"),
        ("Hotline:Retention:Audit", "00:00:01"), ("Hotline:Retention:CheckEvery", "1.00:00:00"),
    ];

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed class SqlitePrivacyApiFactory() : PrivacyApiFactory(TestStorage.Sqlite);

public sealed class PostgresPrivacyApiFactory() : PrivacyApiFactory(TestStorage.Postgres);

public sealed class SqliteRetentionApiFactory() : PrivacyApiFactory(TestStorage.Sqlite, ShortRetention);

public sealed class PostgresRetentionApiFactory() : PrivacyApiFactory(TestStorage.Postgres, ShortRetention);
