using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// WeChat's safe-mode cipher and signature written again from docs/channels.md, independently of the
/// production code, so the tests check that code against a second reading of the spec rather than
/// against itself.
/// </summary>
public static class TencentCipher
{
    public static string Sign(params string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        using var sha1 = SHA1.Create();
        var digest = sha1.ComputeHash(Encoding.UTF8.GetBytes(string.Join("", parts)));
        return string.Concat(digest.Select(b => b.ToString("x2")));
    }

    public static string Encrypt(string aesKey, string appId, string message, int? padOverride = null)
    {
        var key = Convert.FromBase64String(aesKey + "=");
        var body = Encoding.UTF8.GetBytes(message);
        var plain = new List<byte>(RandomNumberGenerator.GetBytes(16));
        plain.AddRange(new[] { (byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length });
        plain.AddRange(body);
        plain.AddRange(Encoding.UTF8.GetBytes(appId));
        var pad = padOverride ?? 32 - plain.Count % 32;
        plain.AddRange(Enumerable.Repeat((byte)pad, pad));
        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        using var encryptor = aes.CreateEncryptor(key, key[..16]);
        var bytes = plain.ToArray();
        return Convert.ToBase64String(encryptor.TransformFinalBlock(bytes, 0, bytes.Length));
    }

    /// <summary>The message and the trailing appid of an encrypted value.</summary>
    public static (string Message, string AppId) Decrypt(string aesKey, string encrypted)
    {
        var key = Convert.FromBase64String(aesKey + "=");
        var cipher = Convert.FromBase64String(encrypted);
        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        using var decryptor = aes.CreateDecryptor(key, key[..16]);
        var plain = decryptor.TransformFinalBlock(cipher, 0, cipher.Length);
        var unpadded = plain[..^plain[^1]];
        var length = (unpadded[16] << 24) | (unpadded[17] << 16) | (unpadded[18] << 8) | unpadded[19];
        return (Encoding.UTF8.GetString(unpadded, 20, length), Encoding.UTF8.GetString(unpadded[(20 + length)..]));
    }
}
