using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using HotlineDispatch.Tests.Infrastructure;
using static HotlineDispatch.Tests.Channels.WeChatRequests;

namespace HotlineDispatch.Tests.Channels;

/// <summary>
/// Safe mode over HTTP with Tencent's sample account: the published vector and messages encrypted by
/// <see cref="TencentCipher"/>; every reply is checked by decrypting it with that independent code.
/// Storage plays no part here beyond what the plain-mode tests cover on both back ends.
/// </summary>
public sealed class WeChatSafeModeTests(SafeModeApiFactory api) : IClassFixture<SafeModeApiFactory>
{
    private const string Token = ChannelsApiFactory.SampleToken;
    private const string AesKey = ChannelsApiFactory.SampleAesKey;
    private const string AppId = ChannelsApiFactory.SampleAppId;

    private static string SafeUrl(string encrypt, string nonce = TencentSample.Nonce, string timestamp = TencentSample.Timestamp) =>
        $"/channels/wechat?signature={TencentCipher.Sign(Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}" +
        $"&openid=o1&encrypt_type=aes&msg_signature={TencentCipher.Sign(Token, timestamp, nonce, encrypt)}";

    private static string Envelope(string encrypt) => $"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";

    /// <summary>Checks the reply's signature and decrypts it, both with the independent code; returns the inner reply.</summary>
    private static async Task<XElement> OpenReply(HttpResponseMessage response)
    {
        var envelope = await XmlReply(response);
        var encrypt = envelope.Element("Encrypt")!.Value;
        var (timestamp, nonce) = (envelope.Element("TimeStamp")!.Value, envelope.Element("Nonce")!.Value);
        Assert.Equal(TencentCipher.Sign(Token, timestamp, nonce, encrypt), envelope.Element("MsgSignature")!.Value);
        var (message, appId) = TencentCipher.Decrypt(AesKey, encrypt);
        Assert.Equal(AppId, appId);
        return XElement.Parse(message);
    }

    [Fact]
    public async Task The_published_sample_becomes_a_ticket_and_its_retry_gets_the_same_encrypted_signed_reply()
    {
        var client = api.CreateClient();
        var url = $"/channels/wechat?signature={TencentCipher.Sign(Token, TencentSample.Timestamp, TencentSample.Nonce)}" +
                  $"&timestamp={TencentSample.Timestamp}&nonce={TencentSample.Nonce}&encrypt_type=aes&msg_signature={TencentSample.MsgSignature}";

        var reply = await OpenReply(await client.PostAsync(url, Xml(TencentSample.Body)));
        Assert.Equal(("oyORnuP8q7ou2gfYjqLzSIWZf0rs", "gh_10f6c3c3ac5a"), (reply.Element("ToUserName")!.Value, reply.Element("FromUserName")!.Value));
        var number = NumberIn(reply.Element("Content")!.Value);

        var ticket = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{number}");
        Assert.Equal(("abcdteT", "6054768590064713728", "wechat"),
            (ticket.GetProperty("content").GetString(), ticket.GetProperty("sourceRef").GetString(), ticket.GetProperty("channel").GetString()));

        var count = await TicketCount(api);
        var again = await OpenReply(await client.PostAsync(url, Xml(TencentSample.Body)));
        Assert.Equal(reply.Element("Content")!.Value, again.Element("Content")!.Value);
        Assert.Equal(count, await TicketCount(api));
    }

    [Fact]
    public async Task A_message_encrypted_independently_becomes_a_ticket()
    {
        var openId = NewOpenId();
        var encrypt = TencentCipher.Encrypt(AesKey, AppId, Text(openId, "望江路口的红绿灯坏了，左转灯一直不亮", NextMsgId()));

        var reply = await OpenReply(await api.CreateClient().PostAsync(SafeUrl(encrypt, nonce: "77"), Xml(Envelope(encrypt))));

        Assert.Equal(openId, reply.Element("ToUserName")!.Value);
        var ticket = await api.ClientFor(TestUsers.Operator).GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{NumberIn(reply.Element("Content")!.Value)}");
        Assert.Equal("望江路口的红绿灯坏了，左转灯一直不亮", ticket.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Forged_or_foreign_or_unencrypted_messages_are_refused_and_create_nothing()
    {
        var client = api.CreateClient();
        var count = await TicketCount(api);
        var message = Text(NewOpenId(), "伪造", NextMsgId());

        var encrypt = TencentCipher.Encrypt(AesKey, AppId, message);
        var forged = SafeUrl(encrypt).Replace("msg_signature=", "msg_signature=0");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(forged, Xml(Envelope(encrypt)))).StatusCode);

        var foreign = TencentCipher.Encrypt(AesKey, "wx0000000000000000", message);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(SafeUrl(foreign), Xml(Envelope(foreign)))).StatusCode);

        var otherKey = TencentCipher.Encrypt("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", AppId, message);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(SafeUrl(otherKey), Xml(Envelope(otherKey)))).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Url(Token), Xml(message))).StatusCode);
        Assert.Equal(count, await TicketCount(api));
    }
}
