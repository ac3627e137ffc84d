using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.Twilio;

/// <summary>
/// <c>X-Twilio-Signature</c>: Base64 of HMAC-SHA1, keyed with the account's Auth Token, over the full URL
/// Twilio requested followed by every POST field as name then value, the pairs sorted by name and then
/// by value (ordinal), without separators (docs/channels.md).
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs the request. Twilio signs the URL inconsistently with and
    /// without the port, so both forms are tried; each comparison takes the same time whatever it finds.
    /// </summary>
    public static bool IsValid(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> fields, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlForms(url))
        {
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, candidate, fields)), given);
        }

        return valid;
    }

    /// <summary>The URL without any port, and with its port (the scheme's default when none is written).</summary>
    public static IReadOnlyList<string> UrlForms(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return [url];
        }

        var hostStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], hostStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[hostStart..authorityEnd];
        var userInfoEnd = authority.LastIndexOf('@') + 1;
        var hostAndPort = authority[userInfoEnd..];
        // An IPv6 literal has colons of its own; the port is after the closing bracket.
        var portColon = hostAndPort.LastIndexOf(':');
        var hasPort = portColon >= 0 && portColon > hostAndPort.LastIndexOf(']');
        var host = hasPort ? hostAndPort[..portColon] : hostAndPort;
        var port = hasPort
            ? hostAndPort[(portColon + 1)..]
            : url[..schemeEnd].Equals("https", StringComparison.OrdinalIgnoreCase) ? "443" : "80";

        string With(string hostPart) => string.Concat(url.AsSpan(0, hostStart), authority.AsSpan(0, userInfoEnd), hostPart, url.AsSpan(authorityEnd));
        return [With(host), With($"{host}:{port}")];
    }
}
