using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HotlineDispatch.Channels.WeChat;

/// <summary>
/// Safe-mode message encryption (docs/channels.md): AES-256-CBC with the key from the 43-character
/// EncodingAESKey and its first 16 bytes as IV, over <c>random(16) ‖ length(4, big-endian) ‖ message ‖ appid</c>.
/// The padding is PKCS#7 to a multiple of 32 bytes, which .NET's own PKCS7 mode (16-byte blocks)
/// would refuse, so it is added and checked here.
/// </summary>
public sealed class WeChatCrypto
{
    private const int Block = 32;
    private const int RandomLength = 16;
    private const int Header = RandomLength + 4;

    private readonly byte[] _key;
    private readonly byte[] _appId;

    public WeChatCrypto(string encodingAesKey, string appId)
    {
        if (encodingAesKey.Length != 43)
        {
            throw new ArgumentException("Hotline:WeChat:EncodingAESKey must be the 43 characters the WeChat console shows.", nameof(encodingAesKey));
        }

        _key = Convert.FromBase64String(encodingAesKey + "=");
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(RandomLength));

    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix is {RandomLength} bytes.", nameof(random));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var length = Header + body.Length + _appId.Length;
        var pad = Block - length % Block;
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), body.Length);
        body.CopyTo(plain, Header);
        _appId.CopyTo(plain, Header + body.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Cipher();
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <exception cref="WeChatCryptoException">Not Base64, not decryptable with this key, badly padded, or meant for another AppId.</exception>
    public string Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw new WeChatCryptoException("Encrypt is not Base64.");
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeChatCryptoException("Encrypt is not a whole number of AES blocks.");
        }

        using var aes = Cipher();
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > Block || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            throw new WeChatCryptoException("The decrypted message is not padded as WeChat pads; the EncodingAESKey is probably wrong.");
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        var length = content.Length >= Header ? BinaryPrimitives.ReadInt32BigEndian(content[RandomLength..]) : -1;
        if (length < 0 || length > content.Length - Header)
        {
            throw new WeChatCryptoException("The decrypted message has an impossible length.");
        }

        if (!CryptographicOperations.FixedTimeEquals(content[(Header + length)..], _appId))
        {
            throw new WeChatCryptoException("The message is meant for another AppId.");
        }

        return Encoding.UTF8.GetString(content.Slice(Header, length));
    }

    private Aes Cipher()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}
