using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.Grid;

/// <summary><c>X-Hotline-Signature: sha256=&lt;hex&gt;</c>: HMAC-SHA256 of the raw body with the bridge's secret (docs/channels.md).</summary>
public static class BridgeSignature
{
    private const string Prefix = "sha256=";

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Compares the MACs in constant time; a header that is not <c>sha256=</c> and hex never matches.</summary>
    public static bool Matches(string secret, ReadOnlySpan<byte> body, string? header)
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

        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }
}
