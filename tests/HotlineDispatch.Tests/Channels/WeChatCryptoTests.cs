using System.Text;
using HotlineDispatch.Channels.WeChat;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Channels;

/// <summary>Safe mode against Tencent's published vector and against messages made by independent code.</summary>
public sealed class WeChatCryptoTests
{
    private static readonly WeChatCrypto Sample = new(ChannelsApiFactory.SampleAesKey, ChannelsApiFactory.SampleAppId);

    [Fact]
    public void The_published_vector_verifies_and_decrypts_to_the_published_message()
    {
        Assert.Equal(TencentSample.MsgSignature,
            WeChatSignature.Compute(ChannelsApiFactory.SampleToken, TencentSample.Timestamp, TencentSample.Nonce, TencentSample.Encrypt));

        var message = WeChatXml.ReadMessage(WeChatXml.Parse(Sample.Decrypt(TencentSample.Encrypt)));

        Assert.Equal(("text", "abcdteT", "6054768590064713728"), (message.MsgType, message.Content, message.MsgId));
        Assert.Equal("oyORnuP8q7ou2gfYjqLzSIWZf0rs", message.OpenId);
    }

    [Fact]
    public void Encrypting_the_published_message_with_its_random_prefix_gives_the_published_value()
    {
        Assert.Equal(TencentSample.Encrypt, Sample.Encrypt(TencentSample.Plaintext, Encoding.ASCII.GetBytes(TencentSample.RandomPrefix)));
    }

    [Fact]
    public void The_published_value_is_refused_for_another_appid()
    {
        var other = new WeChatCrypto(ChannelsApiFactory.SampleAesKey, "wx0000000000000000");
        Assert.Throws<WeChatCryptoException>(() => other.Decrypt(TencentSample.Encrypt));
    }

    [Theory]
    [InlineData("您好，小区门口路灯不亮一周了")]
    [InlineData("")]
    [InlineData("x")]
    public void Messages_encrypted_independently_decrypt(string text)
    {
        var encrypted = TencentCipher.Encrypt(ChannelsApiFactory.SampleAesKey, ChannelsApiFactory.SampleAppId, text);
        Assert.Equal(text, Sample.Decrypt(encrypted));
    }

    [Fact]
    public void A_full_32_byte_pad_which_dotnet_pkcs7_would_refuse_is_read()
    {
        // 16 random + 4 length + 26 text + 18 appid = 64 bytes, already a multiple of 32: the pad is a whole 32-byte block.
        var text = new string('a', 26);
        var length = 20 + Encoding.UTF8.GetByteCount(text) + ChannelsApiFactory.SampleAppId.Length;
        Assert.Equal(0, length % 32);

        var encrypted = TencentCipher.Encrypt(ChannelsApiFactory.SampleAesKey, ChannelsApiFactory.SampleAppId, text);
        Assert.Equal(text, Sample.Decrypt(encrypted));
        Assert.Equal(length + 32, Convert.FromBase64String(Sample.Encrypt(text)).Length);
    }

    [Fact]
    public void Replies_encrypted_here_decrypt_independently_with_the_appid()
    {
        var (message, appId) = TencentCipher.Decrypt(ChannelsApiFactory.SampleAesKey, Sample.Encrypt("<xml><Content><![CDATA[已受理]]></Content></xml>"));
        Assert.Equal(("<xml><Content><![CDATA[已受理]]></Content></xml>", ChannelsApiFactory.SampleAppId), (message, appId));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused(string encrypted)
    {
        Assert.Throws<WeChatCryptoException>(() => Sample.Decrypt(encrypted));
    }

    [Fact]
    public void A_bad_pad_is_refused()
    {
        // 43 bytes before padding; 37 bytes of 37 keep the AES blocks whole, but no pad of WeChat's exceeds 32.
        var encrypted = TencentCipher.Encrypt(ChannelsApiFactory.SampleAesKey, ChannelsApiFactory.SampleAppId, "hello", padOverride: 37);
        Assert.Throws<WeChatCryptoException>(() => Sample.Decrypt(encrypted));
    }

    [Fact]
    public void Signatures_match_an_independent_computation_and_compare_case_insensitively()
    {
        var expected = TencentCipher.Sign("token", "1700000000", "nonce");
        Assert.Equal(expected, WeChatSignature.Compute("token", "1700000000", "nonce"));
        Assert.True(WeChatSignature.Matches(expected.ToUpperInvariant(), "token", "1700000000", "nonce"));
        Assert.False(WeChatSignature.Matches(expected, "token", "1700000001", "nonce"));
        Assert.False(WeChatSignature.Matches(null, "token", "1700000000", "nonce"));
    }
}
