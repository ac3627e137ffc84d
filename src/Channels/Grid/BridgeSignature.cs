using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.Grid;

/// <summary>
/// <c>X-Hotline-Signature: sha256=&lt;hex&gt;</c>: HMAC-SHA256, keyed with the bridge's secret, of
/// <c>"&lt;timestamp&gt;\n&lt;METHOD&gt;\n&lt;path&gt;\n&lt;raw body&gt;"</c>, as the upper platform signs. The timestamp
/// and the path are signed so that a captured message can neither be posted again later nor to another group.
/// </summary>
public static class BridgeSignature
{
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

    private static byte[] Mac(string secret, string timestamp, string method, string path, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{timestamp}\n{method.ToUpperInvariant()}\n{path}\n");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
