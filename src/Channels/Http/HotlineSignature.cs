using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.Http;

/// <summary>
/// How our own peers sign a request, the chat-group bridge and the upper 12345 platform alike (docs/channels.md §3,
/// docs/platform.md): <c>X-Hotline-Timestamp</c> in Unix seconds and <c>X-Hotline-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 with the shared secret of <c>"&lt;timestamp&gt;\n&lt;METHOD&gt;\n&lt;path&gt;\n&lt;raw body&gt;"</c>.
/// The timestamp, method and path are signed so that a captured request can be posted neither later nor elsewhere.
/// </summary>
public static class HotlineSignature
{
    public const string TimestampHeader = "X-Hotline-Timestamp";
    public const string SignatureHeader = "X-Hotline-Signature";

    /// <summary>How far the timestamp may be from our clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Prefix = "sha256=";

    public static string Compute(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, method, path, body));

    /// <summary>Compares the MACs in constant time; a header that is not <c>sha256=</c> and hex never matches.</summary>
    public static bool Matches(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, method, path, body));
    }

    /// <summary>Why the request is not authentic now, or null when it is; <paramref name="secretSetting"/> names the key for the reason.</summary>
    public static string? Refusal(string secret, string? timestamp, string? signature, string method, string path, ReadOnlySpan<byte> body,
        DateTimeOffset now, string secretSetting)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"{TimestampHeader} must be the sending time in Unix seconds.";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Window)
        {
            return $"{TimestampHeader} is more than 5 minutes off: a replay, or the sender's clock is wrong.";
        }

        return Matches(secret, timestamp!, method, path, body, signature)
            ? null
            : $"{SignatureHeader} is not sha256=<hex HMAC-SHA256 of \"<timestamp>\\n<METHOD>\\n<path>\\n<raw body>\"> with {secretSetting}.";
    }

    private static byte[] Mac(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{timestamp}\n{method.ToUpperInvariant()}\n{path}\n");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
