using HotlineDispatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>The embedded silo with its log lines captured, our own at every level.</summary>
public class PrivacyApiFactory : HotlineApiFactory
{
    public PrivacyApiFactory()
        : this([])
    {
    }

    protected PrivacyApiFactory((string Key, string Value)[] extraSettings)
        : base(TestStorage.Sqlite, [("Logging:LogLevel:HotlineDispatch", "Trace"), .. extraSettings])
    {
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>Every retention period one second, and the daily job left to the tests to start.</summary>
public sealed class RetentionApiFactory() : PrivacyApiFactory(
[
    ("Hotline:Retention:CallerAfterClose", "00:00:01"), ("Hotline:Retention:CallDrafts", "00:00:01"),
    ("Hotline:Retention:Recordings", "00:00:01"), ("Hotline:Retention:Outbox", "00:00:01"),
    ("Hotline:Retention:GroupLogs", "00:00:01"), ("Hotline:Retention:Messages", "00:00:01"),
    ("Hotline:Retention:Audit", "00:00:01"), ("Hotline:Retention:CheckEvery", "1.00:00:00"),
]);
