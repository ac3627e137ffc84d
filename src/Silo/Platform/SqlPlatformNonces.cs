using HotlineDispatch.Channels.Http;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Platform;

/// <summary>
/// Remembers each authentic push's signature for the timestamp window, in the database every silo shares, so a
/// replayed request is refused whichever silo it reaches.
/// </summary>
public sealed class SqlPlatformNonces(ReadModelDatabase database)
{
    /// <summary>True the first time a signature is seen; false for a replay.</summary>
    public async Task<bool> FirstAsync(string signature, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Twice the window: a timestamp may be up to the window ahead of our clock as well as behind it.
        await connection.Command("DELETE FROM hotline_platform_nonce WHERE seen_at < @old")
            .With("old", (now - 2 * HotlineSignature.Window).ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken);
        return await connection.Command("INSERT INTO hotline_platform_nonce (signature, seen_at) VALUES (@signature, @now) ON CONFLICT (signature) DO NOTHING")
            .With("signature", signature.ToLowerInvariant())
            .With("now", now.ToUnixTimeMilliseconds())
            .RunAsync(cancellationToken) == 1;
    }
}
