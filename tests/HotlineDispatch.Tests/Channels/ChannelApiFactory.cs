using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Channels;

/// <summary>A whole silo with settings chosen by the test itself, e.g. provider API roots pointing at a <see cref="FakeProviderServer"/>.</summary>
public sealed class ChannelApiFactory(string storageKind, params (string, string)[] settings) : HotlineApiFactory(storageKind, settings)
{
    public static async Task<ChannelApiFactory> StartAsync(string storageKind, params (string, string)[] settings)
    {
        var factory = new ChannelApiFactory(storageKind, settings);
        await ((IAsyncLifetime)factory).InitializeAsync();
        return factory;
    }
}
