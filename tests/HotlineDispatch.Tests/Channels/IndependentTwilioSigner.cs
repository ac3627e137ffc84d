using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// Signs requests the way Twilio's security documentation describes, written apart from the Twilio library's
/// <c>RequestValidator</c> (which only checks, never signs) so each checks the other: the URL, then
/// name+value of every field sorted by name.
/// </summary>
public static class IndependentTwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<(string Name, string Value)> fields)
    {
        var payload = new StringBuilder(url);
        foreach (var (name, value) in fields.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            payload.Append(name);
            payload.Append(value);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload.ToString())));
    }
}
