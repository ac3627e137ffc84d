using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Infrastructure;

/// <summary>The whole program on the dispatcher's fake clock, so a test can walk through weeks of a month in seconds.</summary>
public abstract class ClockedApiFactory(string storageKind, DateTimeOffset start, params (string Key, string Value)[] extraSettings)
    : HotlineApiFactory(storageKind, extraSettings)
{
    public FakeTimeProvider Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(HotlineTime.Key, Clock));
    }
}
