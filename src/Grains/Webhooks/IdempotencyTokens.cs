using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Webhooks;

public static class IdempotencyTokens
{
    /// <summary>
    /// The grain key of a provider's token. Hashed, because the token is an arbitrary header value; the
    /// prefix keeps the key from parsing as a hex number.
    /// </summary>
    public static string Key(string provider, string token) =>
        $"idem-{provider}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}";
}
