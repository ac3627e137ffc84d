using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Http;

/// <summary>A guessable token in configuration stops the silo at start, with the setting to fix named.</summary>
public sealed class ConfiguredSecretTests
{
    private sealed class ShortSecretFactory(string key) : HotlineApiFactory(TestStorage.Sqlite, (key, "short-token"));

    [Theory]
    [InlineData("Hotline:Auth:AdminToken")]
    [InlineData("Hotline:Groups:BridgeSecret")]
    [InlineData("Hotline:Open311:ApiKeys:0")]
    [InlineData("Hotline:Platform:Secret")]
    public async Task A_configured_token_shorter_than_16_characters_refuses_to_start(string key)
    {
        await using var factory = new ShortSecretFactory(key);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ((IAsyncLifetime)factory).InitializeAsync());
        Assert.Contains($"{key} must be at least 16 characters", failure.ToString());
    }
}
