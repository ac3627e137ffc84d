using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Silo.Auth;

public static class TokenHash
{
    /// <summary>The lower-case SHA-256 hex of a token: what configuration and storage keep instead of the token.</summary>
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
