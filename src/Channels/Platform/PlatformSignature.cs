using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.Platform;

/// <summary>
/// The upper platform's signature, both ways (docs/platform.md): <c>X-Hotline-Timestamp</c> in Unix seconds and
/// <c>X-Hotline-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 with the shared secret of
/// <c>"&lt;timestamp&gt;\n&lt;METHOD&gt;\n&lt;path&gt;\n&lt;raw body&gt;"</c>. Signing the method and path as well as
/// the body keeps a signed request from being replayed against another route.
/// </summary>
public static class PlatformSignature
{
    public const string TimestampHeader = "X-Hotline-Timestamp";
    public const string SignatureHeader = "X-Hotline-Signature";

    /// <summary>How far the timestamp may be from our clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Prefix = "sha256=";

    public static string Compute(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, method, path, body));

    /// <summary>Why the request is not authentic now, or null when it is.</summary>
    public static string? Refusal(string secret, string? timestamp, string? signature, string method, string path, ReadOnlySpan<byte> body,
        DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"{TimestampHeader} must be the sending time in Unix seconds.";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Window)
        {
            return $"{TimestampHeader} is more than 5 minutes off: a replay, or the platform's clock is wrong.";
        }

        byte[]? given = null;
        if (signature is not null && signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                given = Convert.FromHexString(signature.AsSpan(Prefix.Length));
            }
            catch (FormatException)
            {
                given = null;
            }
        }

        return given is not null && CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp!, method, path, body))
            ? null
            : $"{SignatureHeader} is not sha256=<hex HMAC-SHA256 of \"<timestamp>\\n<METHOD>\\n<path>\\n<body>\"> with Hotline:Platform:Secret.";
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
