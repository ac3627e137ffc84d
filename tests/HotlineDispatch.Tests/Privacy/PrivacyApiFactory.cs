using HotlineDispatch.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineDispatch.Tests.Privacy;

/// <summary>The embedded silo with its log lines captured, our own at every level.</summary>
public sealed class PrivacyApiFactory() : HotlineApiFactory(TestStorage.Sqlite, ("Logging:LogLevel:HotlineDispatch", "Trace"))
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
