using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// WeChat's request and reply signatures: the parts (<c>token, timestamp, nonce</c>, and in safe mode
/// the <c>Encrypt</c> value) sorted, concatenated, SHA-1, lowercase hex.
/// </summary>
public static class WeChatSignature
{
    public static string Compute(params string?[] parts)
    {
        var sorted = parts.Select(p => p ?? "").Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Compares in constant time, so the comparison leaks nothing about the right signature.</summary>
    public static bool Matches(string? given, params string?[] parts) =>
        !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(given.ToLowerInvariant()), Encoding.ASCII.GetBytes(Compute(parts)));
}
